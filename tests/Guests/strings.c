/* String and memory routines in several variants (byte loops, word-at-a-time, backwards),
 * each cross-checked against another. */
#include "rt/rt.h"

static size_t strlen_bytes(const char *s)
{
    const char *p = s;
    while (*p)
        p++;
    return (size_t)(p - s);
}

static size_t strlen_words(const char *s)
{
    /* Align, then test four bytes at a time for a zero byte. */
    const char *p = s;
    while (((size_t)p & 3) != 0) {
        if (!*p)
            return (size_t)(p - s);
        p++;
    }
    const u32 *w = (const u32 *)p;
    for (;;) {
        u32 v = *w;
        if ((v - 0x01010101u) & ~v & 0x80808080u)
            break;
        w++;
    }
    p = (const char *)w;
    while (*p)
        p++;
    return (size_t)(p - s);
}

static char *strcpy_bytes(char *d, const char *s)
{
    char *r = d;
    while ((*d++ = *s++) != 0)
        ;
    return r;
}

static int strcmp_bytes(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (int)(u8)*a - (int)(u8)*b;
}

static void memset_words(void *d, u8 value, size_t n)
{
    u8 *p = d;
    u32 pattern = value * 0x01010101u;
    while (n && ((size_t)p & 3)) {
        *p++ = value;
        n--;
    }
    while (n >= 4) {
        *(u32 *)p = pattern;
        p += 4;
        n -= 4;
    }
    while (n--)
        *p++ = value;
}

static int memcmp_backwards(const void *a, const void *b, size_t n)
{
    const u8 *x = a, *y = b;
    int result = 0;
    while (n--) {
        if (x[n] != y[n])
            result = x[n] < y[n] ? -1 : 1;
    }
    return result;
}

static void reverse(char *s)
{
    size_t n = strlen_bytes(s);
    for (size_t i = 0; i < n / 2; i++) {
        char t = s[i];
        s[i] = s[n - 1 - i];
        s[n - 1 - i] = t;
    }
}

static void to_upper(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

static int sign(int v)
{
    return v < 0 ? -1 : v > 0 ? 1 : 0;
}

static char text[256] __attribute__((aligned(8)));
static char copy[256] __attribute__((aligned(8)));
static u8 block_a[100], block_b[100];

int main(void)
{
    static const char *samples[] = {"", "a", "kexec", "jump to the new kernel and back", "0123456789abcdef0123456789abcdef!"};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        for (size_t offset = 0; offset < 4; offset++) {
            strcpy_bytes(text + offset, samples[i]);
            if (strlen_words(text + offset) != strlen_bytes(samples[i])) {
                check("word strlen matches byte strlen", 0);
            }
        }
        put_str("strlen \"");
        put_str(samples[i]);
        put_str("\" = ");
        print_udec(strlen_bytes(samples[i]));
        newline();
    }
    check("word strlen matches byte strlen at every alignment", 1);

    strcpy_bytes(copy, "kjtest guest strings");
    reverse(copy);
    puts(copy);
    reverse(copy);
    to_upper(copy);
    puts(copy);

    put_str("strcmp signs: ");
    print_dec(sign(strcmp_bytes("abc", "abd")));
    put_str(" ");
    print_dec(sign(strcmp_bytes("abc", "abc")));
    put_str(" ");
    print_dec(sign(strcmp_bytes("b", "abc")));
    put_str(" ");
    print_dec(sign(strcmp_bytes("ab", "abc")));
    newline();

    for (size_t start = 0; start < 8; start++) {
        for (size_t len = 0; len < 40; len += 7) {
            memset(block_a, 0x11, sizeof block_a);
            memset(block_b, 0x11, sizeof block_b);
            memset(block_a + start, 0xA5, len);
            memset_words(block_b + start, 0xA5, len);
            if (memcmp(block_a, block_b, sizeof block_a) != 0)
                check("memset variants agree", 0);
        }
    }
    check("memset variants agree", memcmp(block_a, block_b, sizeof block_a) == 0);

    block_b[57] = 0x00;
    put_str("memcmp after change: ");
    print_dec(memcmp(block_a, block_b, sizeof block_a));
    put_str(" ");
    print_dec(memcmp_backwards(block_a, block_b, sizeof block_a));
    newline();
    check("memcmp variants agree", memcmp(block_a, block_b, 100) == memcmp_backwards(block_a, block_b, 100));

    memcpy(text, "overlapping move test", 22);
    memmove(text + 4, text, 22);
    puts(text);
    return failures();
}
