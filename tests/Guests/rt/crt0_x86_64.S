/* Entry point of the x86-64 guest programs: align the stack, call main, exit_group(main()). */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    and $-16, %rsp
    call main
    mov %eax, %edi
    mov $231, %eax
    syscall
    hlt
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
