#include "rt.h"

#ifndef RT_REPEAT
#define RT_REPEAT 1
#endif

static int failure_count;
static int quiet;

int main(void);

/* Runs main RT_REPEAT times (a benchmark's workload size); only the last pass writes. */
int rt_start(void)
{
    int worst = 0;
    for (int pass = 1; pass <= RT_REPEAT; pass++) {
        quiet = pass < RT_REPEAT;
        failure_count = 0;
        int status = main();
        if (status > worst)
            worst = status;
    }
    return worst;
}

long rt_write(int fd, const void *buffer, size_t length)
{
    long result;
    if (quiet)
        return (long)length;
#if defined(__x86_64__)
    __asm__ volatile("syscall"
                     : "=a"(result)
                     : "a"(1L), "D"((long)fd), "S"(buffer), "d"(length)
                     : "rcx", "r11", "memory");
#else
    __asm__ volatile("int $0x80"
                     : "=a"(result)
                     : "a"(4L), "b"(fd), "c"(buffer), "d"(length)
                     : "memory");
#endif
    return result;
}

static size_t length_of(const char *text)
{
    size_t n = 0;
    while (text[n])
        n++;
    return n;
}

void put_str(const char *text)
{
    rt_write(1, text, length_of(text));
}

void newline(void)
{
    rt_write(1, "\n", 1);
}

int puts(const char *text)
{
    put_str(text);
    newline();
    return 0;
}

void print_hex(u64 value, int digits)
{
    char buffer[2 + 16];
    buffer[0] = '0';
    buffer[1] = 'x';
    for (int i = 0; i < digits; i++) {
        unsigned nibble = (unsigned)(value >> (4 * (digits - 1 - i))) & 0xF;
        buffer[2 + i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
    }
    rt_write(1, buffer, (size_t)(2 + digits));
}

void print_udec(u64 value)
{
    char buffer[20];
    int n = 0;
    do {
        buffer[sizeof buffer - 1 - n] = (char)('0' + value % 10);
        value /= 10;
        n++;
    } while (value);
    rt_write(1, buffer + sizeof buffer - n, (size_t)n);
}

void print_dec(i64 value)
{
    if (value < 0) {
        rt_write(1, "-", 1);
        print_udec((u64)0 - (u64)value);
    } else {
        print_udec((u64)value);
    }
}

void check(const char *what, int ok)
{
    put_str(ok ? "ok " : "FAIL ");
    puts(what);
    if (!ok)
        failure_count++;
}

int failures(void)
{
    return failure_count;
}

void *memcpy(void *destination, const void *source, size_t length)
{
    u8 *d = destination;
    const u8 *s = source;
    while (length--)
        *d++ = *s++;
    return destination;
}

void *memmove(void *destination, const void *source, size_t length)
{
    u8 *d = destination;
    const u8 *s = source;
    if (d < s) {
        while (length--)
            *d++ = *s++;
    } else {
        d += length;
        s += length;
        while (length--)
            *--d = *--s;
    }
    return destination;
}

void *memset(void *destination, int value, size_t length)
{
    u8 *d = destination;
    while (length--)
        *d++ = (u8)value;
    return destination;
}

int memcmp(const void *a, const void *b, size_t length)
{
    const u8 *x = a, *y = b;
    for (size_t i = 0; i < length; i++) {
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}
