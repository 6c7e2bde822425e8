  100000:	48 89 c3             	mov    rbx,rax
  100003:	48 8b 04 25 00 10 00 00	mov    rax,QWORD PTR ds:0x1000
  10000b:	ff 24 c5 00 20 00 00 	jmp    QWORD PTR [rax*8+0x2000]
