/*
 * mutate.c - a deterministic source mutator for theory/ and sim/ (`make mutate`).
 *
 *   mutate list FILE       every mutation site of FILE, one a line:
 *                            INDEX LINE:COL KIND ORIGINAL -> REPLACEMENT [MARK: REASON]
 *   mutate apply FILE K    mutant K of FILE (the whole file, with one change) on stdout
 *   mutate sample FILE N   N of those lines (all if N is 0 or at least their number): the
 *                          N sites with the smallest FNV-1a hash of "BASENAME:INDEX:KIND:
 *                          CHANGE", listed in index order; a pseudo-random sample that is a
 *                          pure function of the code (comments, marks included, move lines
 *                          but change no index or change, so they never change the sample)
 *   mutate funcs FILE      the functions of FILE and whether their bodies are mutated
 *
 * A small C tokenizer (comments, string and character literals and preprocessor lines are
 * skipped, never mutated) finds function bodies by their brace structure: at file scope, a
 * '{' right after a ')' opens the body of the function named before the matching '('.
 *
 * Which bodies are mutated:
 *  - a claim file (one whose claim initialiser says `.theory = NAME`, i.e. theory/ID.c):
 *    NAME and every function of the file it calls or names, transitively: the
 *    double-precision closed form under test. Not theory_mpfr (the reference: with the
 *    double-vs-MPFR comparison off a mutant of it changes nothing, with it on it only
 *    tests the sweep), not validate (the domain, tested by the claim's unit tests and the
 *    bad-input battery, not by the harness), not sweep_edges (which inputs the sweep
 *    visits), and not the parameter tables, points, findings or planted variants: these
 *    are data, or wrong on purpose (a variant's functions are the identifiers named in
 *    the `variants[]` initialiser; they are excluded even where the closed form calls
 *    them);
 *  - any other file (a simulator, sim/ID.c): every function body; its strings are never
 *    touched.
 *
 * Mutation operators, each site giving one mutant (KIND in the listing):
 *   arith   binary + <-> -, * <-> / (only where the token before is an operand: an
 *           identifier, a number, ')' or ']'; never unary minus, ++, --, ->, nor a '*'
 *           that declares a pointer or ends a cast)
 *   assign  += <-> -=, *= <-> /=
 *   cmp     < <-> <=, > <-> >=, == <-> != (<<, >> and -> are other tokens)
 *   int     an integer constant k -> k + 1 and k - 1 (two mutants; a negative result is
 *           written (-1), in parentheses)
 *   float   a floating constant x -> 2x and x/2 (two mutants; 0.0 -> 1.0, one mutant),
 *           written back as the shortest decimal (or hexadecimal, if it was) literal that
 *           reads back exactly
 *   drop    `+ b` or `- b` removed from `a + b` / `a - b`, where b is one operand (an
 *           identifier or number with its postfix [..], (..), -> and . parts, or a
 *           parenthesised group) not bound tighter to what follows (*, /, %)
 *   swap    the first two arguments of a call with exactly two or three arguments
 *           exchanged (fma, pow, ldexp, user functions); not where they are the same text,
 *           an argument holds a string, or the function is fma, fmax, fmin, hypot or
 *           calloc, whose first two arguments commute exactly (the mutant would be
 *           equivalent by construction)
 * Sites are numbered in the order of their position in the file (for one token: int or
 * float mutants, then the others), so the numbering is a pure function of the file.
 *
 * Marks, each a comment `mutate: KIND: REASON`, justify sites whose mutants the harness
 * cannot kill:
 *   equivalent     they cannot change any result: in theory/ at most by rounding within
 *                  the claim's own ulp bound; in sim/ not the mean of any observation
 *                  (what every check estimates) at any valid input, in the model or
 *                  not (one that changes a mean only where no check point looks is a
 *                  gap);
 *   mc-equivalent  in theory/: in exact arithmetic they compute the same function (they
 *                  change only how rounding errors are compensated), or they differ only
 *                  at inputs no simulator accepts; a formula wrong in MPFR as well would
 *                  not differ, so they leave the Monte Carlo figure but count in the full
 *                  one, whose double-vs-MPFR sweep can see them. In sim/: they change the
 *                  observations' means by rounding (or a bias below the chains' 1e-7) only;
 *   domain         the code only decides whether to refuse an input, or words the refusal:
 *                  the harness runs valid inputs only, by design (as with validate() in
 *                  theory/); the unit tests and the bad-input battery test it.
 * A mark applies to its own line when code precedes it there, else to the next line with
 * code. Between the mark's word and its colon, selectors may narrow it to some sites of
 * that line: a KIND, or ORIGINAL->REPLACEMENT as the listing writes it without spaces
 * (e.g. `mutate: equivalent int 1->2: buffer size`), and WORD#N to the N-th site of the
 * line that WORD selects (`0->(-1)#2`); the selector `body` alone, on the line that names
 * a function being defined, selects every site of its body. A mark that selects no site is
 * an error, so a mark cannot outlive the code it describes.
 *
 * Exit status: 0 done, 1 the file cannot be read or a mark is stale or malformed, 2 usage.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tok_kind { T_IDENT, T_NUMBER, T_STRING, T_CHAR, T_PUNCT };

struct tok {
	enum tok_kind kind;
	size_t start, end; /* byte offsets into the source */
	int line, col;
	int func;          /* index of the function whose body holds it, -1 if none */
};

enum mark_kind { M_NONE, M_EQUIVALENT, M_MC_EQUIVALENT, M_DOMAIN };

struct mark {
	int line;          /* the code line it applies to */
	int comment_line;  /* where the comment is, for messages */
	enum mark_kind kind;
	char sel[256];     /* selectors, space-separated; empty: every site of the line */
	char reason[512];
	int used;
};

struct func {
	char name[128];
	int line;           /* of its name */
	size_t open, close; /* token indices of the body's braces */
	bool mutated;
	const char *why;    /* why it is or is not mutated */
};

struct site {
	size_t start, end; /* bytes replaced */
	char repl[512];    /* what replaces them */
	char desc[512];    /* ORIGINAL -> REPLACEMENT */
	const char *kind;
	int line, col;
	int func; /* index of the function it is in */
	const struct mark *mark;
};

static char *src;
static size_t src_len;
static struct tok *toks;
static size_t ntok, captok;
static struct mark *marks;
static size_t nmark, capmark;
static struct func *funcs;
static size_t nfunc, capfunc;
static struct site *sites;
static size_t nsite, capsite;

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *q = realloc(p, n * elem);
	if (!q) {
		fputs("mutate: out of memory\n", stderr);
		exit(1);
	}
	*cap = n;
	return q;
}

static bool tok_is(size_t i, const char *s)
{
	if (i >= ntok)
		return false;
	size_t n = toks[i].end - toks[i].start;
	return strlen(s) == n && memcmp(src + toks[i].start, s, n) == 0;
}

static bool punct_is(size_t i, const char *s)
{
	return i < ntok && toks[i].kind == T_PUNCT && tok_is(i, s);
}

static void tok_text(size_t i, char *buf, size_t len)
{
	size_t n = toks[i].end - toks[i].start;
	if (n >= len)
		n = len - 1;
	memcpy(buf, src + toks[i].start, n);
	buf[n] = '\0';
}

static const char *const keywords[] = {
	"auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else",
	"enum", "extern", "float", "for", "goto", "if", "inline", "int", "long", "register",
	"restrict", "return", "short", "signed", "sizeof", "static", "struct", "switch",
	"typedef", "union", "unsigned", "void", "volatile", "while", "_Alignas", "_Alignof",
	"_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary", "_Noreturn",
	"_Static_assert", "_Thread_local", "bool", NULL};

/* Words that name or qualify a type: a '*' after one declares a pointer. */
static const char *const type_words[] = {
	"char", "const", "double", "float", "int", "long", "short", "signed", "unsigned",
	"void", "volatile", "restrict", "_Bool", "bool", "size_t", NULL};

static bool word_in(size_t i, const char *const *list)
{
	if (i >= ntok || toks[i].kind != T_IDENT)
		return false;
	for (int k = 0; list[k]; k++)
		if (tok_is(i, list[k]))
			return true;
	return false;
}

static bool is_keyword(size_t i) { return word_in(i, keywords); }

static bool is_name(size_t i) { return i < ntok && toks[i].kind == T_IDENT && !is_keyword(i); }

/* ---- tokenizer ---------------------------------------------------------------------- */

static const char *const puncts[] = {
	"...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"*=", "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", NULL};

/* A comment's text: a mark if it starts (after blanks and '*') with "mutate:". */
static int parse_mark(const char *text, size_t len, int line, struct mark *m)
{
	char buf[1024];
	if (len >= sizeof buf)
		len = sizeof buf - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	char *p = buf;
	while (*p == ' ' || *p == '\t' || *p == '*' || *p == '\n')
		p++;
	if (strncmp(p, "mutate:", 7) != 0)
		return 0;
	p += 7;
	while (*p == ' ')
		p++;
	memset(m, 0, sizeof *m);
	m->comment_line = line;
	if (strncmp(p, "mc-equivalent", 13) == 0) {
		m->kind = M_MC_EQUIVALENT;
		p += 13;
	} else if (strncmp(p, "equivalent", 10) == 0) {
		m->kind = M_EQUIVALENT;
		p += 10;
	} else if (strncmp(p, "domain", 6) == 0) {
		m->kind = M_DOMAIN;
		p += 6;
	} else {
		fprintf(stderr, "mutate: line %d: a mark must say 'mutate: equivalent', "
		        "'mutate: mc-equivalent' or 'mutate: domain'\n", line);
		return -1;
	}
	char *colon = strchr(p, ':');
	if (!colon || (*p != ' ' && *p != ':')) {
		fprintf(stderr, "mutate: line %d: a mark needs ': REASON'\n", line);
		return -1;
	}
	*colon = '\0';
	while (*p == ' ')
		p++;
	snprintf(m->sel, sizeof m->sel, "%s", p);
	for (char *e = m->sel + strlen(m->sel); e > m->sel && e[-1] == ' ';)
		*--e = '\0';
	char *r = colon + 1;
	/* the reason on one line: comment continuation lines lose their leading " * " */
	size_t o = 0;
	bool space = true;
	for (; *r && o + 1 < sizeof m->reason; r++) {
		if (*r == '\n') {
			while (r[1] == ' ' || r[1] == '\t' || (r[1] == '*' && r[2] != '/'))
				r++;
			if (!space)
				m->reason[o++] = ' ', space = true;
			continue;
		}
		if (*r == ' ' || *r == '\t') {
			if (!space)
				m->reason[o++] = ' ';
			space = true;
			continue;
		}
		m->reason[o++] = *r;
		space = false;
	}
	while (o > 0 && m->reason[o - 1] == ' ')
		o--;
	m->reason[o] = '\0';
	if (!m->reason[0]) {
		fprintf(stderr, "mutate: line %d: a mark needs a reason\n", line);
		return -1;
	}
	return 1;
}

static int tokenize(void)
{
	size_t i = 0;
	int line = 1, col = 1;
	bool line_has_code = false; /* a token seen on the current line */
	/* marks waiting for the next line with code */
	size_t pending_from = 0;
#define ADVANCE()                           \
	do {                                \
		if (src[i] == '\n') {       \
			line++;             \
			col = 1;            \
			line_has_code = false; \
		} else {                    \
			col++;              \
		}                           \
		i++;                        \
	} while (0)
	while (i < src_len) {
		char c = src[i];
		if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
			ADVANCE();
			continue;
		}
		if (c == '/' && i + 1 < src_len && (src[i + 1] == '*' || src[i + 1] == '/')) {
			bool block = src[i + 1] == '*';
			int cline = line;
			bool after_code = line_has_code;
			size_t body = i + 2;
			ADVANCE();
			ADVANCE();
			while (i < src_len && !(block ? src[i] == '*' && i + 1 < src_len && src[i + 1] == '/'
			                              : src[i] == '\n'))
				ADVANCE();
			size_t body_end = i;
			if (block && i < src_len) {
				ADVANCE();
				ADVANCE();
			}
			struct mark m;
			int r = parse_mark(src + body, body_end - body, cline, &m);
			if (r < 0)
				return -1;
			if (r > 0) {
				marks = grow(marks, &capmark, nmark + 1, sizeof *marks);
				m.line = after_code ? cline : 0; /* 0: the next line with code */
				marks[nmark++] = m;
			}
			/* a comment is not code: on the line it ends on, only what came before counts */
			if (line == cline)
				line_has_code = after_code;
			continue;
		}
		if (c == '#' && !line_has_code) { /* a preprocessor line, with its continuations */
			while (i < src_len && src[i] != '\n') {
				if (src[i] == '\\' && i + 1 < src_len && src[i + 1] == '\n')
					ADVANCE();
				ADVANCE();
			}
			continue;
		}
		toks = grow(toks, &captok, ntok + 1, sizeof *toks);
		struct tok *t = &toks[ntok];
		t->start = i;
		t->line = line;
		t->col = col;
		t->func = -1;
		if (!line_has_code) {
			for (; pending_from < nmark; pending_from++)
				if (marks[pending_from].line == 0)
					marks[pending_from].line = line;
		}
		pending_from = nmark;
		line_has_code = true;
		if (c == '"' || c == '\'') {
			t->kind = c == '"' ? T_STRING : T_CHAR;
			ADVANCE();
			while (i < src_len && src[i] != c && src[i] != '\n') {
				if (src[i] == '\\' && i + 1 < src_len)
					ADVANCE();
				ADVANCE();
			}
			if (i >= src_len || src[i] != c) {
				fprintf(stderr, "mutate: line %d: unterminated literal\n", t->line);
				return -1;
			}
			ADVANCE();
		} else if (isdigit((unsigned char)c) ||
		           (c == '.' && i + 1 < src_len && isdigit((unsigned char)src[i + 1]))) {
			t->kind = T_NUMBER; /* a preprocessing number */
			while (i < src_len) {
				char d = src[i];
				if ((d == '+' || d == '-') && strchr("eEpP", src[i - 1]))
					ADVANCE();
				else if (isalnum((unsigned char)d) || d == '_' || d == '.')
					ADVANCE();
				else
					break;
			}
		} else if (isalpha((unsigned char)c) || c == '_') {
			t->kind = T_IDENT;
			while (i < src_len && (isalnum((unsigned char)src[i]) || src[i] == '_'))
				ADVANCE();
		} else {
			t->kind = T_PUNCT;
			size_t n = 1;
			for (int k = 0; puncts[k]; k++) {
				size_t l = strlen(puncts[k]);
				if (i + l <= src_len && memcmp(src + i, puncts[k], l) == 0) {
					n = l;
					break;
				}
			}
			while (n--)
				ADVANCE();
		}
		t->end = i;
		ntok++;
	}
#undef ADVANCE
	for (size_t k = 0; k < nmark; k++)
		if (marks[k].line == 0) {
			fprintf(stderr, "mutate: line %d: a mark with no code after it\n",
			        marks[k].comment_line);
			return -1;
		}
	return 0;
}

/* ---- structure ---------------------------------------------------------------------- */

/* The token closing the bracket opened at i, or ntok. */
static size_t match(size_t i)
{
	char open = src[toks[i].start];
	char close = open == '(' ? ')' : open == '[' ? ']' : '}';
	int depth = 0;
	for (size_t j = i; j < ntok; j++) {
		if (toks[j].kind != T_PUNCT || toks[j].end - toks[j].start != 1)
			continue;
		char c = src[toks[j].start];
		if (c == open)
			depth++;
		else if (c == close && --depth == 0)
			return j;
	}
	return ntok;
}

/* The token opening the bracket closed at i (a ')' or ']'), or SIZE_MAX. */
static size_t match_back(size_t i)
{
	char close = src[toks[i].start];
	char open = close == ')' ? '(' : '[';
	int depth = 0;
	for (size_t j = i + 1; j-- > 0;) {
		if (toks[j].kind != T_PUNCT || toks[j].end - toks[j].start != 1)
			continue;
		char c = src[toks[j].start];
		if (c == close)
			depth++;
		else if (c == open && --depth == 0)
			return j;
	}
	return SIZE_MAX;
}

static int find_func(const char *name, size_t len)
{
	for (size_t f = 0; f < nfunc; f++)
		if (strlen(funcs[f].name) == len && memcmp(funcs[f].name, name, len) == 0)
			return (int)f;
	return -1;
}

static int find_functions(void)
{
	for (size_t i = 0; i < ntok; i++) {
		if (!punct_is(i, "{"))
			continue;
		size_t close = match(i);
		if (close == ntok) {
			fprintf(stderr, "mutate: line %d: unbalanced '{'\n", toks[i].line);
			return -1;
		}
		if (i > 0 && punct_is(i - 1, ")")) {
			size_t open = match_back(i - 1);
			if (open != SIZE_MAX && open > 0 && is_name(open - 1)) {
				funcs = grow(funcs, &capfunc, nfunc + 1, sizeof *funcs);
				struct func *f = &funcs[nfunc];
				memset(f, 0, sizeof *f);
				tok_text(open - 1, f->name, sizeof f->name);
				f->line = toks[open - 1].line;
				f->open = i;
				f->close = close;
				for (size_t j = i; j <= close; j++)
					toks[j].func = (int)nfunc;
				nfunc++;
			}
		}
		i = close; /* file scope only: an initialiser's braces hold no function */
	}
	return 0;
}

/* The identifier NAME in `.NAME = IDENT` at file scope, as a function index, or -1. */
static int designated(const char *field)
{
	for (size_t i = 0; i + 3 < ntok; i++)
		if (toks[i].func < 0 && punct_is(i, ".") && tok_is(i + 1, field) &&
		    punct_is(i + 2, "=") && toks[i + 3].kind == T_IDENT)
			return find_func(src + toks[i + 3].start, toks[i + 3].end - toks[i + 3].start);
	return -1;
}

static void choose_functions(void)
{
	bool *variant = calloc(nfunc + 1, sizeof *variant);
	if (!variant)
		exit(1);
	/* the identifiers of the `variants[] = { ... }` initialiser */
	for (size_t i = 0; i + 4 < ntok; i++) {
		if (toks[i].func >= 0 || !tok_is(i, "variants") || !punct_is(i + 1, "[") ||
		    !punct_is(i + 2, "]") || !punct_is(i + 3, "=") || !punct_is(i + 4, "{"))
			continue;
		size_t close = match(i + 4);
		for (size_t j = i + 5; j < close; j++) {
			int f = toks[j].kind == T_IDENT
			                ? find_func(src + toks[j].start, toks[j].end - toks[j].start)
			                : -1;
			if (f >= 0)
				variant[f] = true;
		}
	}
	int theory = designated("theory");
	if (theory < 0) {
		for (size_t f = 0; f < nfunc; f++) {
			funcs[f].mutated = !variant[f];
			funcs[f].why = variant[f] ? "a planted variant" : "simulator code";
		}
		free(variant);
		return;
	}
	for (size_t f = 0; f < nfunc; f++)
		funcs[f].why = variant[f] ? "a planted variant" : "not called by the closed form";
	if (!variant[theory]) {
		funcs[theory].mutated = true;
		funcs[theory].why = "the closed form in double (.theory)";
	}
	for (bool changed = true; changed;) {
		changed = false;
		for (size_t f = 0; f < nfunc; f++) {
			if (!funcs[f].mutated)
				continue;
			for (size_t j = funcs[f].open; j <= funcs[f].close; j++) {
				int g = toks[j].kind == T_IDENT
				                ? find_func(src + toks[j].start, toks[j].end - toks[j].start)
				                : -1;
				if (g >= 0 && !funcs[g].mutated && !variant[g]) {
					funcs[g].mutated = true;
					funcs[g].why = "called by the closed form";
					changed = true;
				}
			}
		}
	}
	free(variant);
}

/* ---- sites -------------------------------------------------------------------------- */

static bool in_mutated_body(size_t i)
{
	int f = toks[i].func;
	return f >= 0 && funcs[f].mutated && i != funcs[f].open && i != funcs[f].close;
}

/* Whether token i ends an operand, so that a '+', '-', '*' or '/' after it is binary. */
static bool ends_operand(size_t i)
{
	if (i >= ntok)
		return false;
	if (toks[i].kind == T_NUMBER || toks[i].kind == T_CHAR || toks[i].kind == T_STRING)
		return true;
	if (toks[i].kind == T_IDENT)
		return !is_keyword(i);
	return punct_is(i, ")") || punct_is(i, "]");
}

/* Whether the '*' at i declares a pointer or ends a cast rather than multiplying. */
static bool pointer_star(size_t i)
{
	if (punct_is(i + 1, ")") || punct_is(i + 1, "*"))
		return true; /* (type *) or type ** */
	size_t p = i - 1;
	if (word_in(p, type_words))
		return true;
	if (toks[p].kind == T_IDENT && p > 0) {
		size_t pp = p - 1;
		if (tok_is(pp, "struct") || tok_is(pp, "enum") || tok_is(pp, "union") ||
		    word_in(pp, type_words))
			return true;
		size_t n = toks[p].end - toks[p].start;
		if (n > 2 && memcmp(src + toks[p].end - 2, "_t", 2) == 0)
			return true; /* a typedef name by convention */
		/* `name *x = ...` or `name *x;` at the start of a statement declares x */
		if ((punct_is(pp, "{") || punct_is(pp, "}") || punct_is(pp, ";")) && is_name(i + 1) &&
		    (punct_is(i + 2, "=") || punct_is(i + 2, ";") || punct_is(i + 2, ",") ||
		     punct_is(i + 2, "[")))
			return true;
	}
	return false;
}

static int cur_func; /* the function find_sites is in */

static void add_site(size_t start, size_t end, const char *kind, const char *repl, int line,
                     int col)
{
	sites = grow(sites, &capsite, nsite + 1, sizeof *sites);
	struct site *s = &sites[nsite++];
	memset(s, 0, sizeof *s);
	s->func = cur_func;
	s->start = start;
	s->end = end;
	s->kind = kind;
	s->line = line;
	s->col = col;
	snprintf(s->repl, sizeof s->repl, "%s", repl);
	/* ORIGINAL -> REPLACEMENT, each on one line with runs of blanks squeezed */
	char orig[256];
	size_t o = 0;
	bool space = false;
	for (size_t k = start; k < end && o + 4 < sizeof orig; k++) {
		char c = src[k];
		if (c == '\n' || c == '\t' || c == ' ') {
			space = true;
			continue;
		}
		if (space && o > 0)
			orig[o++] = ' ';
		space = false;
		orig[o++] = c;
	}
	if (o + 4 >= sizeof orig)
		memcpy(orig + o, "...", 4), o += 3;
	orig[o] = '\0';
	snprintf(s->desc, sizeof s->desc, "%s -> %s", orig, repl[0] ? repl : "(nothing)");
}

static void tok_site(size_t i, const char *kind, const char *repl)
{
	add_site(toks[i].start, toks[i].end, kind, repl, toks[i].line, toks[i].col);
}

/* Integer constants: k + 1 and k - 1, with the suffix kept. */
static void int_sites(size_t i)
{
	char text[64], *end;
	tok_text(i, text, sizeof text);
	errno = 0;
	unsigned long long k = strtoull(text, &end, 0);
	if (errno || end == text)
		return;
	const char *suffix = end;
	bool unsig = strchr(suffix, 'u') || strchr(suffix, 'U');
	char r[96];
	if (k < 0xffffffffffffffffULL) {
		snprintf(r, sizeof r, "%llu%s", k + 1, suffix);
		tok_site(i, "int", r);
	}
	if (k > 0)
		snprintf(r, sizeof r, "%llu%s", k - 1, suffix);
	else if (!unsig)
		snprintf(r, sizeof r, "(-1%s)", suffix);
	else
		return;
	tok_site(i, "int", r);
}

/* x as the shortest literal that reads back exactly, decimal or (hex) hexadecimal. */
static void float_literal(double x, bool hex, const char *suffix, char *out, size_t len)
{
	char buf[64];
	if (hex) {
		snprintf(buf, sizeof buf, "%a", x);
	} else {
		for (int p = 1; p <= 17; p++) {
			snprintf(buf, sizeof buf, "%.*g", p, x);
			if (strtod(buf, NULL) == x)
				break;
		}
		if (!strpbrk(buf, ".eEn")) /* make it a floating constant */
			strcat(buf, ".0");
	}
	snprintf(out, len, "%s%s", buf, suffix);
}

static void float_sites(size_t i)
{
	char text[64], *end;
	tok_text(i, text, sizeof text);
	double x = strtod(text, &end);
	const char *suffix = end;
	if (*suffix && strcmp(suffix, "f") && strcmp(suffix, "F") && strcmp(suffix, "l") &&
	    strcmp(suffix, "L"))
		return;
	bool hex = text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
	char r[96];
	if (x == 0) {
		float_literal(1.0, hex, suffix, r, sizeof r);
		tok_site(i, "float", r);
		return;
	}
	float_literal(2 * x, hex, suffix, r, sizeof r);
	tok_site(i, "float", r);
	float_literal(x / 2, hex, suffix, r, sizeof r);
	tok_site(i, "float", r);
}

static bool is_float_token(size_t i)
{
	char text[64];
	tok_text(i, text, sizeof text);
	bool hex = text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
	return hex ? strpbrk(text, "pP.") != NULL : strpbrk(text, ".eE") != NULL;
}

/* The end (exclusive token index) of the operand starting at i, or 0 if none is there. */
static size_t operand_end(size_t i, size_t limit)
{
	size_t j;
	if (i >= limit)
		return 0;
	if (toks[i].kind == T_NUMBER || is_name(i)) {
		j = i + 1;
	} else if (punct_is(i, "(")) {
		j = match(i) + 1;
		if (j > limit)
			return 0;
		/* a cast: (type) operand */
		if (j < limit && (toks[j].kind == T_IDENT || toks[j].kind == T_NUMBER ||
		                  punct_is(j, "(")))
			return 0;
	} else {
		return 0;
	}
	for (;;) {
		if (punct_is(j, "[") || (punct_is(j, "(") && toks[i].kind != T_NUMBER)) {
			j = match(j) + 1;
		} else if ((punct_is(j, "->") || punct_is(j, ".")) && is_name(j + 1)) {
			j += 2;
		} else {
			break;
		}
		if (j > limit)
			return 0;
	}
	if (punct_is(j, "*") || punct_is(j, "/") || punct_is(j, "%") || punct_is(j, "++") ||
	    punct_is(j, "--"))
		return 0;
	return j;
}

static const char *const symmetric[] = {"fma", "fmax", "fmin", "hypot", "calloc", NULL};

static void swap_site(size_t i)
{
	size_t open = i + 1, close = match(open);
	if (close == ntok || word_in(i, symmetric))
		return;
	size_t comma[3];
	int ncomma = 0;
	for (size_t j = open + 1; j < close; j++) {
		if (toks[j].kind == T_STRING)
			return;
		if (punct_is(j, "(") || punct_is(j, "[") || punct_is(j, "{")) {
			j = match(j);
			continue;
		}
		if (punct_is(j, ",")) {
			if (ncomma == 2)
				return; /* four or more arguments */
			comma[ncomma++] = j;
		}
	}
	if (ncomma == 0)
		return;
	size_t a1 = toks[open + 1].start, a1e = toks[comma[0] - 1].end;
	size_t a2 = toks[comma[0] + 1].start;
	size_t a2e = toks[(ncomma == 2 ? comma[1] : close) - 1].end;
	if (a1e - a1 == a2e - a2 && memcmp(src + a1, src + a2, a1e - a1) == 0)
		return;
	char repl[512];
	int n = snprintf(repl, sizeof repl, "%.*s%.*s%.*s", (int)(a2e - a2), src + a2,
	                 (int)(a2 - a1e), src + a1e, (int)(a1e - a1), src + a1);
	if (n < 0 || (size_t)n >= sizeof repl)
		return;
	add_site(a1, a2e, "swap", repl, toks[open + 1].line, toks[open + 1].col);
}

static void find_sites(void)
{
	for (size_t i = 0; i < ntok; i++) {
		if (!in_mutated_body(i))
			continue;
		size_t limit = funcs[toks[i].func].close;
		cur_func = toks[i].func;
		if (toks[i].kind == T_NUMBER) {
			if (is_float_token(i))
				float_sites(i);
			else
				int_sites(i);
			continue;
		}
		if (is_name(i) && punct_is(i + 1, "(")) {
			swap_site(i);
			continue;
		}
		if (toks[i].kind != T_PUNCT)
			continue;
		static const char *const cmp[][2] = {{"<", "<="}, {"<=", "<"}, {">", ">="},
		                                     {">=", ">"}, {"==", "!="}, {"!=", "=="}};
		static const char *const assign[][2] = {{"+=", "-="}, {"-=", "+="}, {"*=", "/="},
		                                        {"/=", "*="}};
		for (int k = 0; k < 6; k++)
			if (tok_is(i, cmp[k][0]))
				tok_site(i, "cmp", cmp[k][1]);
		for (int k = 0; k < 4; k++)
			if (tok_is(i, assign[k][0]))
				tok_site(i, "assign", assign[k][1]);
		bool plus = tok_is(i, "+"), minus = tok_is(i, "-");
		bool times = tok_is(i, "*"), over = tok_is(i, "/");
		if (!(plus || minus || times || over) || !ends_operand(i - 1))
			continue;
		if (times && pointer_star(i))
			continue;
		tok_site(i, "arith", plus ? "-" : minus ? "+" : times ? "/" : "*");
		if (plus || minus) {
			size_t e = operand_end(i + 1, limit);
			if (e)
				add_site(toks[i].start, toks[e - 1].end, "drop", "", toks[i].line,
				         toks[i].col);
		}
	}
}

/* Whether the selector word w (a KIND or ORIGINAL->REPLACEMENT, no #N) names site s. */
static bool word_selects(const char *w, const struct site *s)
{
	char compact[512];
	size_t o = 0;
	for (const char *p = s->desc; *p && o + 1 < sizeof compact; p++)
		if (*p != ' ')
			compact[o++] = *p;
	compact[o] = '\0';
	return strcmp(w, s->kind) == 0 || strcmp(w, compact) == 0;
}

/* Whether mark m selects site number k: no selectors, or a word naming its kind or its
 * change, with #N: only the N-th site of the line that the word names; or, the selector
 * `body` alone on the line naming a function, every site of that function. */
static bool mark_selects(const struct mark *m, size_t k)
{
	const struct site *s = &sites[k];
	if (strcmp(m->sel, "body") == 0)
		return funcs[s->func].line == m->line;
	if (m->line != s->line)
		return false;
	if (!m->sel[0])
		return true;
	char sel[256];
	snprintf(sel, sizeof sel, "%s", m->sel);
	for (char *w = strtok(sel, " "); w; w = strtok(NULL, " ")) {
		char *hash = strchr(w, '#');
		long nth = 0;
		if (hash) {
			*hash = '\0';
			nth = strtol(hash + 1, NULL, 10);
		}
		if (!word_selects(w, s))
			continue;
		if (!hash)
			return true;
		long seen = 0;
		for (size_t t = 0; t <= k; t++)
			seen += sites[t].line == s->line && word_selects(w, &sites[t]);
		if (seen == nth)
			return true;
	}
	return false;
}

static int apply_marks(void)
{
	for (size_t k = 0; k < nmark; k++)
		for (size_t s = 0; s < nsite; s++)
			if (mark_selects(&marks[k], s)) {
				if (sites[s].mark) {
					fprintf(stderr, "mutate: line %d: site %s is marked twice\n",
					        sites[s].line, sites[s].desc);
					return -1;
				}
				sites[s].mark = &marks[k];
				marks[k].used++;
			}
	for (size_t k = 0; k < nmark; k++)
		if (!marks[k].used) {
			fprintf(stderr, "mutate: line %d: the mark (for line %d%s%s) selects no "
			        "mutation site\n", marks[k].comment_line, marks[k].line,
			        marks[k].sel[0] ? ", " : "", marks[k].sel);
			return -1;
		}
	return 0;
}

/* ---- main --------------------------------------------------------------------------- */

static int load(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "mutate: cannot read %s\n", path);
		return -1;
	}
	size_t cap = 0;
	src = NULL;
	src_len = 0;
	for (;;) {
		src = grow(src, &cap, src_len + 4097, 1);
		size_t n = fread(src + src_len, 1, 4096, f);
		src_len += n;
		if (n < 4096)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "mutate: cannot read %s\n", path);
		return -1;
	}
	src[src_len] = '\0';
	if (tokenize() || find_functions())
		return -1;
	choose_functions();
	find_sites();
	return apply_marks();
}

static const char *mark_name(const struct mark *m)
{
	static const char *const names[] = {NULL, "equivalent", "mc-equivalent", "domain"};
	return m ? names[m->kind] : NULL;
}

static int usage(void)
{
	fputs("usage: mutate list FILE | mutate sample FILE N | mutate apply FILE K | "
	      "mutate funcs FILE\n", stderr);
	return 2;
}

static uint64_t site_hash(const char *path, size_t k)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	char key[1200];
	snprintf(key, sizeof key, "%s:%zu:%s:%s", base, k, sites[k].kind, sites[k].desc);
	uint64_t h = 0xcbf29ce484222325ULL;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
	return h;
}

static unsigned long parse_count(const char *s, bool *ok)
{
	char *end;
	errno = 0;
	unsigned long k = strtoul(s, &end, 10);
	*ok = !errno && *end == '\0' && end != s && s[0] != '-';
	return k;
}

static void print_site(size_t s)
{
	printf("%zu %d:%d %s %s", s, sites[s].line, sites[s].col, sites[s].kind, sites[s].desc);
	if (sites[s].mark)
		printf(" [%s: %s]", mark_name(sites[s].mark), sites[s].mark->reason);
	putchar('\n');
}


int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	const char *cmd = argv[1];
	bool list = strcmp(cmd, "list") == 0, apply = strcmp(cmd, "apply") == 0;
	bool fn = strcmp(cmd, "funcs") == 0, sample = strcmp(cmd, "sample") == 0;
	if (!(list || apply || fn || sample) || argc != (apply || sample ? 4 : 3))
		return usage();
	bool ok;
	unsigned long k = apply || sample ? parse_count(argv[3], &ok) : 0;
	if ((apply || sample) && !ok)
		return usage();
	if (load(argv[2]))
		return 1;
	if (fn) {
		for (size_t f = 0; f < nfunc; f++)
			printf("%-4s %s (line %d): %s\n", funcs[f].mutated ? "yes" : "no", funcs[f].name,
			       toks[funcs[f].open].line, funcs[f].why);
		return 0;
	}
	if (list || (sample && (k == 0 || k >= nsite))) {
		for (size_t s = 0; s < nsite; s++)
			print_site(s);
		return 0;
	}
	if (sample) {
		/* the k smallest hashes: a hash is taken when fewer than k are smaller (ties by
		 * index), which keeps it a pure function of the sites, O(n^2) on a few hundred */
		for (size_t s = 0; s < nsite; s++) {
			uint64_t h = site_hash(argv[2], s);
			size_t below = 0;
			for (size_t t = 0; t < nsite; t++) {
				uint64_t g = site_hash(argv[2], t);
				below += g < h || (g == h && t < s);
			}
			if (below < k)
				print_site(s);
		}
		return 0;
	}
	if (k >= nsite) {
		fprintf(stderr, "mutate: %s has %zu sites: K must be in [0, %zu]\n", argv[2], nsite,
		        nsite ? nsite - 1 : 0);
		return 2;
	}
	const struct site *s = &sites[k];
	fwrite(src, 1, s->start, stdout);
	fputs(s->repl, stdout);
	fwrite(src + s->end, 1, src_len - s->end, stdout);
	return ferror(stdout) ? 1 : 0;
}
