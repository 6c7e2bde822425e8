/* Sieve of Eratosthenes below 20000 over a bit array, with prime counts checked against
 * the known values pi(1000) = 168, pi(10000) = 1229 and pi(20000) = 2262. */
#include "rt/rt.h"

#define LIMIT 20000

static u32 composite[(LIMIT + 31) / 32];

static int is_composite(u32 n)
{
    return (composite[n >> 5] >> (n & 31)) & 1;
}

int main(void)
{
    composite[0] |= 3; /* 0 and 1 are not prime */
    for (u32 p = 2; p * p < LIMIT; p++) {
        if (is_composite(p))
            continue;
        for (u32 m = p * p; m < LIMIT; m += p)
            composite[m >> 5] |= 1u << (m & 31);
    }

    u32 count = 0, count1000 = 0, count10000 = 0, last = 0;
    u64 sum = 0;
    put_str("every 250th prime:");
    for (u32 n = 2; n < LIMIT; n++) {
        if (is_composite(n))
            continue;
        count++;
        sum += n;
        last = n;
        if (n < 1000)
            count1000++;
        if (n < 10000)
            count10000++;
        if (count % 250 == 0) {
            put_str(" ");
            print_udec(n);
        }
    }
    newline();

    put_str("primes below 20000: ");
    print_udec(count);
    put_str(", sum ");
    print_udec(sum);
    put_str(", largest ");
    print_udec(last);
    newline();
    check("pi(1000) = 168", count1000 == 168);
    check("pi(10000) = 1229", count10000 == 1229);
    check("pi(20000) = 2262", count == 2262);
    check("largest prime below 20000 is 19997", last == 19997);
    return failures();
}
