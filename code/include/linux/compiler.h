#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#ifndef __always_inline		/* glibc's <sys/cdefs.h> has one too */
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	(*(volatile __typeof__(x) *)&(x) = (val))

/* model: the stubs of the student edition's exercises call this */
void model_exercise_stub(const char *exercise, const char *function);
#define EXERCISE_STUB(exercise)	model_exercise_stub(exercise, __func__)

#endif /* _LINUX_COMPILER_H */
