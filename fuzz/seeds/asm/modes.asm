bits 32
    mov eax, 4
    mov ebx, 1
    int 0x80
    push dword [esp + 4*2]
    rep movsb
bits 64
    movzx r8d, byte [rsi + rcx*8 - 16]
    cmpxchg16b [rdi]
    lock xadd qword [rax], rbx
    movdqu xmm1, [rip + 0x20]
    call far [rax]
    db 0x0f, 0x0b
