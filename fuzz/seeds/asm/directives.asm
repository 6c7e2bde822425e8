bits 64
org 0x100000
start:
    mov rax, 60
    mov edi, 0
    jmp short .local
.local:
    lea rsi, [rel message]
    mov rdx, message_end - message
    syscall
value equ 0x1234 * 2 + (3 << 4)
    mov ecx, value
    align 16
message: db "hello", 10, 0
message_end:
    dw 1, 2, 0xffff
    dd start - $$
    dq $
    times 4 db 0x90
    resb 8
