bits 64
    mov ecx, 5
again:
    push rcx
    mov eax, 1
    mov edi, 1
    lea rsi, [rel text]
    mov edx, 3
    syscall
    pop rcx
    loop again
    rep stosb
    pushfq
    popfq
    cpuid
    rdtsc
    out 0xe9, al
    in al, 0x60
    int3
    hlt
text: db "ok", 10
