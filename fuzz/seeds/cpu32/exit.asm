bits 32
    mov eax, 1
    mov ebx, 7
    int 0x80
