bits 32
    mov ecx, 4
again:
    push ecx
    mov eax, 4
    mov ebx, 1
    mov ecx, 0x100000
    mov edx, 2
    int 0x80
    pop ecx
    loop again
    pushad
    popad
    rep movsd
    sti
    hlt
