/* Entry point of the x86-64 guest programs: align the stack, exit_group(rt_start()); rt_start runs main. */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp
    and $-16, %rsp
    call rt_start
    mov %eax, %edi
    mov $231, %eax
    syscall
    hlt
    .size _start, . - _start
    .section .note.GNU-stack, "", @progbits
