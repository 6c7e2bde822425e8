/* A small stack-machine bytecode interpreter (dispatch through a switch) running three
 * programs: iterative Fibonacci, factorial and Euclid's GCD. */
#include "rt/rt.h"

enum op {
    PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, JMP, JZ, PRINT, HALT,
};

struct vm {
    i64 stack[32];
    i64 vars[8];
    int sp;
    u32 steps;
};

static i64 run(struct vm *vm, const i32 *code)
{
    int pc = 0;
    vm->sp = 0;
    for (;;) {
        vm->steps++;
        switch ((enum op)code[pc++]) {
        case PUSH:
            vm->stack[vm->sp++] = code[pc++];
            break;
        case LOAD:
            vm->stack[vm->sp++] = vm->vars[code[pc++]];
            break;
        case STORE:
            vm->vars[code[pc++]] = vm->stack[--vm->sp];
            break;
        case ADD:
            vm->sp--;
            vm->stack[vm->sp - 1] += vm->stack[vm->sp];
            break;
        case SUB:
            vm->sp--;
            vm->stack[vm->sp - 1] -= vm->stack[vm->sp];
            break;
        case MUL:
            vm->sp--;
            vm->stack[vm->sp - 1] *= vm->stack[vm->sp];
            break;
        case MOD:
            vm->sp--;
            vm->stack[vm->sp - 1] %= vm->stack[vm->sp];
            break;
        case LT:
            vm->sp--;
            vm->stack[vm->sp - 1] = vm->stack[vm->sp - 1] < vm->stack[vm->sp];
            break;
        case JMP:
            pc = code[pc];
            break;
        case JZ:
            pc = vm->stack[--vm->sp] == 0 ? code[pc] : pc + 1;
            break;
        case PRINT:
            print_dec(vm->stack[--vm->sp]);
            newline();
            break;
        case HALT:
            return vm->sp > 0 ? vm->stack[vm->sp - 1] : 0;
        default:
            puts("bad opcode");
            return -1;
        }
    }
}

/* a = 0; b = 1; i = 0; while (i < 50) { t = a + b; a = b; b = t; i = i + 1 } push a */
static const i32 fibonacci[] = {
    PUSH, 0, STORE, 0, PUSH, 1, STORE, 1, PUSH, 0, STORE, 2,
    /* 12 */ LOAD, 2, PUSH, 50, LT, JZ, 39,
    LOAD, 0, LOAD, 1, ADD, STORE, 3, LOAD, 1, STORE, 0, LOAD, 3, STORE, 1,
    LOAD, 2, PUSH, 1, ADD, STORE, 2, JMP, 12,
    /* 39 is patched below to the exit */
};

/* n = 20; f = 1; while (0 < n) { f = f * n; n = n - 1 } push f */
static const i32 factorial[] = {
    PUSH, 20, STORE, 0, PUSH, 1, STORE, 1,
    /* 8 */ PUSH, 0, LOAD, 0, LT, JZ, 31,
    LOAD, 1, LOAD, 0, MUL, STORE, 1, LOAD, 0, PUSH, 1, SUB, STORE, 0, JMP, 8,
    /* 31 */ LOAD, 1, HALT,
};

/* a = 1071; b = 462; while (0 < b) { t = a % b; a = b; b = t } push a */
static const i32 gcd[] = {
    PUSH, 1071, STORE, 0, PUSH, 462, STORE, 1,
    /* 8 */ PUSH, 0, LOAD, 1, LT, JZ, 32,
    LOAD, 0, LOAD, 1, MOD, STORE, 2, LOAD, 1, STORE, 0, LOAD, 2, STORE, 1, JMP, 8,
    /* 32 */ LOAD, 0, HALT,
};

static i32 program[64];

int main(void)
{
    struct vm vm = {0};

    /* Build the Fibonacci program with its exit appended, exercising memcpy on code. */
    size_t n = sizeof fibonacci / sizeof fibonacci[0];
    memcpy(program, fibonacci, sizeof fibonacci);
    program[n] = LOAD;
    program[n + 1] = 0;
    program[n + 2] = HALT;
    program[18] = (i32)n;

    i64 fib = run(&vm, program);
    put_str("fib(50) = ");
    print_dec(fib);
    newline();
    check("fib(50) = 12586269025", fib == 12586269025LL);

    i64 fact = run(&vm, factorial);
    put_str("20! = ");
    print_dec(fact);
    newline();
    check("20! = 2432902008176640000", fact == 2432902008176640000LL);

    i64 g = run(&vm, gcd);
    put_str("gcd(1071, 462) = ");
    print_dec(g);
    newline();
    check("gcd = 21", g == 21);

    static const i32 negative[] = {PUSH, 7, PUSH, 100, SUB, PRINT, PUSH, -5, PUSH, 3, MUL, PRINT, PUSH, 0, HALT};
    run(&vm, negative);

    put_str("steps ");
    print_udec(vm.steps);
    newline();
    return failures();
}
