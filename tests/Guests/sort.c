/* Sorting: a qsort-like generic quicksort (function-pointer comparator, byte swaps) and an
 * insertion sort on arrays filled by a linear congruential generator. */
#include "rt/rt.h"

#define COUNT 300

static u32 lcg_state = 12345;

static u32 lcg(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return lcg_state >> 8;
}

static void swap_bytes(u8 *a, u8 *b, size_t size)
{
    while (size--) {
        u8 t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

static void quicksort(void *base, size_t count, size_t size, int (*compare)(const void *, const void *))
{
    u8 *items = base;
    while (count > 1) {
        /* Median of three as pivot, moved to the end. */
        size_t mid = count / 2;
        u8 *first = items, *middle = items + mid * size, *last = items + (count - 1) * size;
        if (compare(middle, first) < 0)
            swap_bytes(middle, first, size);
        if (compare(last, first) < 0)
            swap_bytes(last, first, size);
        if (compare(middle, last) < 0)
            swap_bytes(middle, last, size);
        size_t store = 0;
        for (size_t i = 0; i + 1 < count; i++) {
            if (compare(items + i * size, last) < 0) {
                swap_bytes(items + i * size, items + store * size, size);
                store++;
            }
        }
        swap_bytes(items + store * size, last, size);
        /* Recurse into the smaller side, loop on the larger one. */
        if (store < count - store - 1) {
            quicksort(items, store, size, compare);
            items += (store + 1) * size;
            count -= store + 1;
        } else {
            quicksort(items + (store + 1) * size, count - store - 1, size, compare);
            count = store;
        }
    }
}

static int compare_u32(const void *a, const void *b)
{
    u32 x = *(const u32 *)a, y = *(const u32 *)b;
    return x < y ? -1 : x > y ? 1 : 0;
}

static int compare_i16_descending(const void *a, const void *b)
{
    short x = *(const short *)a, y = *(const short *)b;
    return y - x;
}

static void insertion_sort(i32 *items, int count)
{
    for (int i = 1; i < count; i++) {
        i32 key = items[i];
        int j = i - 1;
        while (j >= 0 && items[j] > key) {
            items[j + 1] = items[j];
            j--;
        }
        items[j + 1] = key;
    }
}

static u32 words[COUNT];
static short halves[COUNT];
static i32 signed_words[COUNT];

int main(void)
{
    u64 sum_before = 0, sum_after = 0;
    for (int i = 0; i < COUNT; i++) {
        words[i] = lcg();
        halves[i] = (short)lcg();
        signed_words[i] = (i32)(lcg() - 0x400000u);
        sum_before += words[i];
    }

    quicksort(words, COUNT, sizeof words[0], compare_u32);
    quicksort(halves, COUNT, sizeof halves[0], compare_i16_descending);
    insertion_sort(signed_words, COUNT);

    int ascending = 1, descending = 1, signed_ascending = 1;
    for (int i = 0; i < COUNT; i++) {
        sum_after += words[i];
        if (i > 0) {
            ascending &= words[i - 1] <= words[i];
            descending &= halves[i - 1] >= halves[i];
            signed_ascending &= signed_words[i - 1] <= signed_words[i];
        }
    }

    put_str("smallest ");
    print_hex(words[0], 8);
    put_str(" largest ");
    print_hex(words[COUNT - 1], 8);
    newline();
    put_str("median ");
    print_udec(words[COUNT / 2]);
    newline();
    put_str("halves ");
    print_dec(halves[0]);
    put_str(" .. ");
    print_dec(halves[COUNT - 1]);
    newline();
    put_str("signed ");
    print_dec(signed_words[0]);
    put_str(" .. ");
    print_dec(signed_words[COUNT - 1]);
    newline();
    put_str("sum ");
    print_hex(sum_after, 16);
    newline();
    check("u32 quicksort ascending", ascending);
    check("i16 quicksort descending", descending);
    check("i32 insertion sort ascending", signed_ascending);
    check("quicksort keeps the elements", sum_before == sum_after);
    return failures();
}
