bits 64
    xor edx, edx
    xor eax, eax
    div edx
    mov rax, [0x7ead0000]
    lgdt [rax]
    mov cr3, rax
    iretq
