/* Entry point of the i386 guest programs: align the stack, exit_group(rt_start()); rt_start runs main. */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    and $-16, %esp
    call rt_start
    mov %eax, %ebx
    mov $252, %eax
    int $0x80
    hlt
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
