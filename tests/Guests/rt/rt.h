/* Tiny freestanding runtime for the KjTest guest programs: output through the Linux write
 * system call only, so the same binaries run natively and under an emulator that models
 * the two system calls (write, exit_group). */
#ifndef KJTEST_RT_H
#define KJTEST_RT_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed int i32;
typedef signed long long i64;
typedef __SIZE_TYPE__ size_t;

long rt_write(int fd, const void *buffer, size_t length);
void put_str(const char *text);           /* text without a newline */
int puts(const char *text);               /* text and a newline, like libc's puts */
void print_hex(u64 value, int digits);    /* "0x" and exactly `digits` hex digits */
void print_dec(i64 value);                /* signed decimal */
void print_udec(u64 value);               /* unsigned decimal */
void newline(void);
void check(const char *what, int ok);     /* "ok <what>" or "FAIL <what>"; counts failures */
int failures(void);
int rt_start(void);                       /* the entry point calls this: main, RT_REPEAT times */

/* The compiler may emit calls to these even in freestanding code. */
void *memcpy(void *destination, const void *source, size_t length);
void *memmove(void *destination, const void *source, size_t length);
void *memset(void *destination, int value, size_t length);
int memcmp(const void *a, const void *b, size_t length);

#endif
