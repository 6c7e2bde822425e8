/* CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): table-driven and bitwise, checked
 * against the standard check value of "123456789". */
#include "rt/rt.h"

static u32 table[256];

static void build_table(void)
{
    for (u32 n = 0; n < 256; n++) {
        u32 c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
}

static u32 crc32_table(const u8 *data, size_t length)
{
    u32 crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < length; i++)
        crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

static u32 crc32_bitwise(const u8 *data, size_t length)
{
    u32 crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < length; i++) {
        crc ^= data[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

static u8 buffer[4096];

int main(void)
{
    build_table();
    static const char check_input[] = "123456789";
    u32 check_value = crc32_table((const u8 *)check_input, 9);
    put_str("crc32(\"123456789\") = ");
    print_hex(check_value, 8);
    newline();
    check("standard check value 0xcbf43926", check_value == 0xCBF43926u);

    u32 state = 0xC0FFEEu;
    for (size_t i = 0; i < sizeof buffer; i++) {
        state = state * 1664525u + 1013904223u;
        buffer[i] = (u8)(state >> 24);
    }

    u32 whole = crc32_table(buffer, sizeof buffer);
    put_str("crc32(buffer) = ");
    print_hex(whole, 8);
    newline();
    check("table and bitwise agree", whole == crc32_bitwise(buffer, sizeof buffer));

    /* Residue property: appending the little-endian CRC gives the constant 0x2144df1c. */
    u8 extended[sizeof buffer + 4];
    memcpy(extended, buffer, sizeof buffer);
    for (int i = 0; i < 4; i++)
        extended[sizeof buffer + i] = (u8)(whole >> (8 * i));
    u32 residue = crc32_table(extended, sizeof extended);
    put_str("residue = ");
    print_hex(residue, 8);
    newline();
    check("residue constant", residue == 0x2144DF1Cu);

    put_str("table[1] table[128] table[255] = ");
    print_hex(table[1], 8);
    put_str(" ");
    print_hex(table[128], 8);
    put_str(" ");
    print_hex(table[255], 8);
    newline();
    return failures();
}
