/* Runs single SSE instructions on the host for SseOracleTests.
 * Each input line: insn-hex mxcsr xmm0 xmm1 rax (hex; xmm as 32 digits, high first).
 * A trampoline loads XMM0, XMM1, RAX, MXCSR and RFLAGS = 2, runs the instruction, and stores them back.
 * An unmasked exception (SIGFPE) is caught: the state comes from the signal frame, as the fault left it.
 * Each output line: xmm0 mxcsr rflags rax fault (fault 1 for #XM). */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

struct state { uint64_t xmm0[2], xmm1[2]; uint32_t mxcsr, pad; uint64_t rax, rflags; };

static const unsigned char prologue[] = {
    0xf3, 0x0f, 0x6f, 0x07,       /* movdqu xmm0, [rdi] */
    0xf3, 0x0f, 0x6f, 0x4f, 0x10, /* movdqu xmm1, [rdi+16] */
    0x48, 0x8b, 0x47, 0x28,       /* mov rax, [rdi+40] */
    0x0f, 0xae, 0x57, 0x20,       /* ldmxcsr [rdi+32] */
    0x6a, 0x02, 0x9d,             /* push 2; popfq */
};
static const unsigned char epilogue[] = {
    0x9c,                         /* pushfq */
    0x0f, 0xae, 0x5f, 0x20,       /* stmxcsr [rdi+32] */
    0xf3, 0x0f, 0x7f, 0x07,       /* movdqu [rdi], xmm0 */
    0x48, 0x89, 0x47, 0x28,       /* mov [rdi+40], rax */
    0x8f, 0x47, 0x30,             /* pop qword [rdi+48] */
    0xc3,                         /* ret */
};

static sigjmp_buf recover;
static struct state faulted;

static void on_fpe(int sig, siginfo_t *info, void *context)
{
    (void)sig; (void)info;
    ucontext_t *uc = context;
    memcpy(faulted.xmm0, &uc->uc_mcontext.fpregs->_xmm[0], 16);
    faulted.mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    faulted.rax = (uint64_t)uc->uc_mcontext.gregs[REG_RAX];
    faulted.rflags = (uint64_t)uc->uc_mcontext.gregs[REG_EFL];
    siglongjmp(recover, 1);
}

static int hex128(const char *s, uint64_t out[2])
{
    char high[17];
    if (strlen(s) != 32) return 0;
    memcpy(high, s, 16); high[16] = 0;
    return sscanf(high, "%lx", &out[1]) == 1 && sscanf(s + 16, "%lx", &out[0]) == 1;
}

int main(int argc, char **argv)
{
    static char line[512], out[1 << 20];
    setvbuf(stdout, out, _IOFBF, sizeof out);
    FILE *in = argc > 1 ? fopen(argv[1], "r") : stdin;
    if (!in) { perror("input"); return 2; }
    unsigned char *page = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED) { perror("mmap"); return 2; }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fpe;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGFPE, &sa, 0);
    while (fgets(line, sizeof line, in)) {
        char insn[64], x0[40], x1[40];
        unsigned mxcsr;
        unsigned long rax;
        if (sscanf(line, "%63s %x %39s %39s %lx", insn, &mxcsr, x0, x1, &rax) != 5) { fprintf(stderr, "bad line: %s", line); return 3; }
        struct state st;
        memset(&st, 0, sizeof st);
        if (!hex128(x0, st.xmm0) || !hex128(x1, st.xmm1)) { fprintf(stderr, "bad xmm: %s", line); return 3; }
        st.mxcsr = mxcsr;
        st.rax = rax;
        size_t n = 0, len = strlen(insn);
        memcpy(page, prologue, sizeof prologue); n = sizeof prologue;
        for (size_t k = 0; k + 1 < len; k += 2) { unsigned b; sscanf(insn + k, "%2x", &b); page[n++] = (unsigned char)b; }
        memcpy(page + n, epilogue, sizeof epilogue);
        int fault = 0;
        if (sigsetjmp(recover, 1) == 0) {
            ((void (*)(struct state *))page)(&st);
        } else {
            fault = 1;
            memcpy(st.xmm0, faulted.xmm0, 16);
            st.mxcsr = faulted.mxcsr;
            st.rax = faulted.rax;
            st.rflags = faulted.rflags;
        }
        printf("%016lx%016lx %x %lx %lx %d\n", st.xmm0[1], st.xmm0[0], st.mxcsr, st.rflags & 0x8d5, st.rax, fault);
    }
    fflush(stdout);
    return 0;
}
