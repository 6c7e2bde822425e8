/*
 * Host oracle for the i386 vectors: runs single 32-bit instructions natively in a 32-bit
 * process, built by HostCrossCheck32Tests with gcc -m32. Reads cases from stdin and writes
 * results to stdout, both binary little-endian:
 *   in : u32 length, u8 bytes[16], u32 regs[8] (ESP ignored), u32 eflags,
 *        u32 n_in, n_in x {u32 address, u32 length, bytes}, u32 n_out, n_out x {u32 address, u32 length}
 *   out: u32 regs[8], u32 eflags, then the bytes of each n_out range
 * Memory operands must lie in the data page mapped at 0x200000; the instruction must not
 * touch ESP or EIP.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define DATA_BASE 0x200000u
#define DATA_SIZE 0x2000u

static uint32_t state[9];

static int read_exact(void *buffer, size_t length)
{
    return fread(buffer, 1, length, stdin) == length;
}

static uint8_t *emit32(uint8_t *p, uint32_t value)
{
    memcpy(p, &value, 4);
    return p + 4;
}

int main(void)
{
    uint8_t *data = mmap((void *)DATA_BASE, DATA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    uint8_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (data != (uint8_t *)DATA_BASE || code == MAP_FAILED) {
        fprintf(stderr, "hostrun32: cannot map the data page or the code page\n");
        return 3;
    }

    uint32_t length;
    while (read_exact(&length, 4)) {
        uint8_t instruction[16];
        uint32_t count, address, size;
        if (!read_exact(instruction, 16) || !read_exact(state, 8 * 4) || !read_exact(&state[8], 4) || !read_exact(&count, 4) || length > 15)
            return 4;
        for (uint32_t i = 0; i < count; i++) {
            if (!read_exact(&address, 4) || !read_exact(&size, 4) || address < DATA_BASE || address + size > DATA_BASE + DATA_SIZE)
                return 5;
            if (!read_exact(data + (address - DATA_BASE), size))
                return 5;
        }

        uint8_t *p = code;
        *p++ = 0x53; /* push ebx */
        *p++ = 0x55; /* push ebp */
        *p++ = 0x56; /* push esi */
        *p++ = 0x57; /* push edi */
        *p++ = 0xFF; /* push dword [state+32] */
        *p++ = 0x35;
        p = emit32(p, (uint32_t)(uintptr_t)&state[8]);
        *p++ = 0x9D; /* popfd */
        for (int r = 0; r < 8; r++) {
            if (r == 4)
                continue;
            *p++ = 0x8B; /* mov r32, [state + 4r] */
            *p++ = (uint8_t)((r << 3) | 5);
            p = emit32(p, (uint32_t)(uintptr_t)&state[r]);
        }
        memcpy(p, instruction, length);
        p += length;
        for (int r = 0; r < 8; r++) {
            if (r == 4)
                continue;
            *p++ = 0x89; /* mov [state + 4r], r32 */
            *p++ = (uint8_t)((r << 3) | 5);
            p = emit32(p, (uint32_t)(uintptr_t)&state[r]);
        }
        *p++ = 0x9C; /* pushfd */
        *p++ = 0x8F; /* pop dword [state+32] */
        *p++ = 0x05;
        p = emit32(p, (uint32_t)(uintptr_t)&state[8]);
        *p++ = 0xFC; /* cld */
        *p++ = 0x5F; /* pop edi */
        *p++ = 0x5E; /* pop esi */
        *p++ = 0x5D; /* pop ebp */
        *p++ = 0x5B; /* pop ebx */
        *p++ = 0xC3; /* ret */
        ((void (*)(void))code)();

        fwrite(state, 4, 9, stdout);
        if (!read_exact(&count, 4))
            return 6;
        for (uint32_t i = 0; i < count; i++) {
            if (!read_exact(&address, 4) || !read_exact(&size, 4) || address < DATA_BASE || address + size > DATA_BASE + DATA_SIZE)
                return 7;
            fwrite(data + (address - DATA_BASE), 1, size, stdout);
        }
        fflush(stdout);
    }
    return 0;
}
