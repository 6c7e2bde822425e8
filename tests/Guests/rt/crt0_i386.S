/* Entry point of the i386 guest programs: align the stack, call main, exit_group(main()). */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    and $-16, %esp
    call main
    mov %eax, %ebx
    mov $252, %eax
    int $0x80
    hlt
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
