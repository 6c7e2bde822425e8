bits 64
    mov eax, 60
    mov edi, 3
    syscall
