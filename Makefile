# batchcheck - GNU make, out-of-tree build into $(BUILD) with automatic header dependencies.
#
#   make                  build $(BUILD)/batchcheck
#   make check            build and run every test, then the harness (`batchcheck check`)
#   make check SANITIZE=1 the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make valgrind         the test suite (every Criterion worker followed) and a few CLI
#                         commands under valgrind's memcheck; fails on any memory error or
#                         definite or possible leak (tests/run-valgrind); a planted leak
#                         (tests/probe/leak.c) must make it fail first. Slow: not in CI
#   make calibrate        the harness's false-alarm rates over 400 seeds per point
#                         (`batchcheck calibrate --help`; CALIBRATE_FLAGS adds options);
#                         the table also goes to $(BUILD)/calibrate.txt
#   make plots            gnuplot figures (PDF and PNG) into $(BUILD)/plots
#   make report           run the harness, draw the plots, typeset reports/report.pdf
#   make bench            Monte Carlo hot-path benchmark (ratios); with MPI, ranks vs threads
#   (with MPI installed, `make` also builds $(BUILD)/batchcheck-mpi: src/mpi/, mpicc)
#   make ziggurat-tables  regenerate src/ziggurat_tables.c (MPFR; tools/gen_ziggurat_tables.c)
#   make deps             install the Debian packages the project needs (as root)
#   make deps-bench       install python3-numpy, for the benchmark's NumPy peers only
#   make new-claim ID=x   the scaffold of a new claim x (templates/claim/)
#   make fuzz             libFuzzer on the parameter parser for FUZZ_SECONDS (default 60)
#   make mutate           mutation testing of theory/ and sim/ (about an hour; a benchmark)
#   make install          install the CLI (and batchcheck-mpi, where built) into $(DESTDIR)$(PREFIX)/bin
#   V=1                   show commands; CC, CFLAGS, PREFIX, DESTDIR are honoured

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BUILD ?= build

WARNINGS := -std=c11 -Wall -Wextra -Wpedantic -Werror
# No fused multiply-add formed behind the source's back: GCC's C11 mode already says so,
# clang's does not, and an FMA in one SIMD clone would change the numbers by CPU.
FP := -ffp-contract=off
# sqrt is then one IEEE instruction, vectorised over lanes, with no call to set errno (no
# code reads errno after a math function; strtod's ERANGE is not affected).
FP += -fno-math-errno
OPENMP := -fopenmp
ALL_CPPFLAGS := -Iinclude -D_POSIX_C_SOURCE=200809L $(CPPFLAGS)
LIBS := -lmpfr -lgmp -lgsl -lgslcblas -lm

ifeq ($(SANITIZE),1)
BUILD := $(BUILD)/sanitize
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# Criterion's own leak is suppressed by name; the slow unwinder lets stacks reach that name.
LSAN_SETTINGS := suppressions=$(abspath tests/lsan.supp) fast_unwind_on_malloc=0 print_suppressions=0
space := $() $()
export LSAN_OPTIONS := $(subst $(space),:,$(LSAN_SETTINGS))
# Tests run through tests/run-sanitized, which fails on any report of any worker process.
RUN_TESTS = tests/run-sanitized $(BUILD)/sanitizer-logs/$(notdir $(1)) $(1)
endif

ALL_CFLAGS := $(WARNINGS) $(FP) $(OPENMP) $(SAN) $(CFLAGS)
ALL_LDFLAGS := $(OPENMP) $(SAN) $(LDFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

LIB_SRC := $(filter-out src/main.c,$(wildcard src/*.c)) $(wildcard theory/*.c) $(wildcard sim/*.c)
TEST_SRC := $(wildcard tests/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/src/main.o
BIN := $(BUILD)/batchcheck
LIB := $(BUILD)/libbatchcheck.a
TEST_BIN := $(BUILD)/tests/run
MUTATE_TOOL := $(BUILD)/tools/mutate
PLOTS := $(patsubst plots/%.gp,$(BUILD)/plots/%.pdf,$(wildcard plots/*.gp))
REPORT := $(BUILD)/report
SEED ?= 1
# The report's date: SOURCE_DATE_EPOCH, else the last commit's time, so rebuilds match.
EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct 2>/dev/null),0)

.PHONY: all check plots report bench install deps deps-bench clean new-claim fuzz ziggurat-tables \
	valgrind calibrate mutate FORCE
all: $(BIN)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(LIB_OBJ)
	$(Q)rm -f $@
	$(Q)$(AR) rcs $@ $^

$(BIN): $(MAIN_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) $^ $(LIBS) -o $@

# build/batchcheck-mpi, only where MPI is installed (mpicc found): `check` over MPI ranks
# (src/mpi/main.c). mpicc wraps $(CC) (OMPI_CC), so CC=clang builds it with clang too. The
# library is the plain one: only this program's own object sees mpi.h.
MPICC := $(shell command -v mpicc 2>/dev/null)
ifneq ($(MPICC),)
MPI_BIN := $(BUILD)/batchcheck-mpi
MPI_OBJ := $(BUILD)/obj/src/mpi/main.o
all: $(MPI_BIN)
$(BUILD)/obj/src/mpi/%.o: src/mpi/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  MPICC   $<")
	$(Q)OMPI_CC=$(CC) $(MPICC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c $< -o $@
$(MPI_BIN): $(MPI_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)OMPI_CC=$(CC) $(MPICC) $(ALL_LDFLAGS) $^ $(LIBS) -o $@
-include $(MPI_OBJ:.o=.d)
endif

# The tests run the CLI and the mutator and read the report, so they know where all are.
$(BUILD)/obj/tests/%.o: ALL_CPPFLAGS += -DBC_BINARY='"$(abspath $(BIN))"' \
	-DBC_REPORT_DIR='"$(abspath $(REPORT))"' -DBC_SOURCE_DIR='"$(abspath .)"' \
	-DBC_MUTATE_TOOL='"$(abspath $(MUTATE_TOOL))"' \
	$(if $(MPI_BIN),-DBC_MPI_BINARY='"$(abspath $(MPI_BIN))"')
# Whether mpicc was found, kept in a file rewritten only when that changes: tests/test_mpi.c
# compiles its MPI tests only with BC_MPI_BINARY, so installing MPI after a first build
# must rebuild it (make tracks files, not flags).
MPI_FOUND := $(BUILD)/mpi.found
$(shell mkdir -p $(BUILD) && { echo '$(MPICC)' | cmp -s - $(MPI_FOUND) || \
	echo '$(MPICC)' > $(MPI_FOUND); })
$(BUILD)/obj/tests/test_mpi.o: $(MPI_FOUND)
$(TEST_BIN): $(TEST_OBJ) $(LIB) $(MPI_BIN) | $(MUTATE_TOOL)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) $(filter-out $(MPI_BIN),$^) -lcriterion $(LIBS) -o $@

# One harness run feeds the report, the report test and the table `make check` ends with.
# Its exit status is kept: 0 pass, 1 a check failed (the report still shows it), 2 error.
# The run's other files follow results.json: one of them missing reruns it (a grouped target
# with a member missing is not remade by GNU make 4.3, Debian 12's).
$(REPORT)/results.json: $(BIN) $(REPORT)/seed
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CHECK   seed $(SEED)")
	$(Q)rm -f $(REPORT)/results.tex $(REPORT)/results.txt $(REPORT)/results.status
	$(Q)$(BIN) check --seed $(SEED) --json-out $(REPORT)/results.json \
		--tex-out $(REPORT)/results.tex > $(REPORT)/results.txt; \
	rc=$$?; echo $$rc > $(REPORT)/results.status; [ $$rc -le 1 ] || { rm -f $@; exit 1; }

$(REPORT)/results.tex $(REPORT)/results.txt $(REPORT)/results.status: $(REPORT)/results.json
	$(Q)test -f $@ || { rm -f $<; $(MAKE) --no-print-directory $<; }

# SEED as a file, rewritten only when it changes, so `make report SEED=2` reruns the harness.
$(REPORT)/seed: FORCE
	@mkdir -p $(@D)
	$(Q)echo $(SEED) > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

# Rewritten only when its content changes, so an unchanged tree does not retypeset.
$(REPORT)/provenance.tex: FORCE
	@mkdir -p $(@D)
	$(Q)SOURCE_DATE_EPOCH=$(EPOCH) reports/provenance.sh "$(CC)" ../plots $(PLOT_Z) > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

# The suite's measured error rates (reports/measured/, committed by whoever ran them).
$(REPORT)/measured.tex: FORCE
	@mkdir -p $(@D)
	$(Q)reports/measured.sh reports/measured > $@.tmp
	$(Q)if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi

$(REPORT)/report.pdf: reports/report.tex $(REPORT)/results.tex $(REPORT)/provenance.tex \
		$(REPORT)/measured.tex $(PLOTS)
	@$(if $(Q),echo "  LATEX   $@")
	$(Q)cp reports/report.tex $(REPORT)/report.tex
	$(Q)cd $(REPORT) && SOURCE_DATE_EPOCH=$(EPOCH) FORCE_SOURCE_DATE=1 \
		latexmk -pdf -interaction=nonstopmode -halt-on-error -quiet report.tex \
		> latexmk.log 2>&1 || { tail -30 latexmk.log; grep -A2 '^!' report.log; exit 1; }
	@# latexmk leaves the PDF alone when no input's content changed: mark it up to date
	$(Q)touch $@

report: $(REPORT)/report.pdf $(REPORT)/results.txt $(REPORT)/results.status
	$(Q)cp $< reports/report.pdf
	$(Q)cat $(REPORT)/results.txt
	@echo "wrote reports/report.pdf"
	$(Q)exit $$(cat $(REPORT)/results.status)

# Criterion's workers: more than the cores, since several tests mostly wait for the processes
# they start (mpirun's start-up, the CLI), so two cores stay busy (36 s -> 33 s on two cores).
TEST_JOBS ?= 4

# Criterion's synthesis line, then the harness's "N passed, N failed" line. Sanitized, the
# leak probe runs first and must fail: a leak in project code is never silenced.
check: $(BIN) $(TEST_BIN) $(REPORT)/report.pdf $(REPORT)/results.txt $(REPORT)/results.status \
	$(if $(SAN),$(BUILD)/tests/leak-probe)
ifeq ($(SANITIZE),1)
	$(Q)if $(call RUN_TESTS,$(BUILD)/tests/leak-probe) > $(BUILD)/leak-probe.log 2>&1; then \
		echo "the sanitized run misses a deliberate leak (tests/probe/leak.c)"; exit 1; fi
	$(Q)grep -q 'sim/corr_batch_var.c' $(BUILD)/leak-probe.log || { cat $(BUILD)/leak-probe.log; \
		echo "the deliberate leak was not reported with its stack"; exit 1; }
	$(Q)$(call RUN_TESTS,$(TEST_BIN))
else
	$(Q)$(TEST_BIN) -j$(TEST_JOBS)
endif
	$(Q)cat $(REPORT)/results.txt
	$(Q)exit $$(cat $(REPORT)/results.status)

$(BUILD)/tests/leak-probe: $(BUILD)/obj/tests/probe/leak.o $(LIB)
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_LDFLAGS) $^ -lcriterion $(LIBS) -o $@

# Valgrind's memcheck. tests/run-valgrind follows every process (Criterion's workers are
# re-executed copies of the runner) and fails on any error in any process's log. The runner
# for it is the same test objects with tests/valgrind/main.c, which scales every per-test
# timeout by 50 (valgrind is 20-50 times slower). First the planted leak must fail it with
# its stack, then a few CLI commands (the tests start the CLI through the shell, which runs
# natively), then the whole test suite.
VG_BIN := $(BUILD)/tests/run-valgrind
VG_RUN = tests/run-valgrind $(BUILD)/valgrind-logs/$(1)
$(VG_BIN): $(BUILD)/obj/tests/valgrind/main.o $(TEST_OBJ) $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) $^ -lcriterion $(LIBS) -o $@

valgrind: $(BIN) $(MPI_BIN) $(VG_BIN) $(BUILD)/tests/leak-probe $(REPORT)/report.pdf
ifeq ($(SANITIZE),1)
	@echo "make valgrind needs an unsanitized build (no SANITIZE=1)"; exit 2
endif
	$(Q)if $(call VG_RUN,leak-probe) $(BUILD)/tests/leak-probe > $(BUILD)/valgrind-probe.log 2>&1; \
		then echo "valgrind misses a deliberate leak (tests/probe/leak.c)"; exit 1; fi
	$(Q)grep -q 'definitely lost' $(BUILD)/valgrind-probe.log && \
		grep -q 'corr_batch_var.c' $(BUILD)/valgrind-probe.log || { \
		cat $(BUILD)/valgrind-probe.log; echo "the deliberate leak was not reported with its stack"; \
		exit 1; }
	@echo "  VALGRIND planted leak caught; CLI commands"
	$(Q)$(call VG_RUN,list) $(BIN) list --verbose > /dev/null
	$(Q)$(call VG_RUN,theory) $(BIN) theory neyman_allocation W=0.5,0.3,0.2 sigma=4,1,2 b=14 > /dev/null
	$(Q)$(call VG_RUN,refusal) $(BIN) theory corr_batch_var sigma=nan m=8 rho=0.3 2> /dev/null; \
		rc=$$?; [ $$rc = 2 ] || { echo "a refused input exited $$rc, not 2"; exit 1; }
	$(Q)$(call VG_RUN,sim) $(BIN) sim sqrt_lr_law u=0.01 b=32 h=2 sigma=3 law=laplace \
		--samples 3000 --threads 2 > /dev/null
	$(Q)$(call VG_RUN,sweep) $(BIN) sweep corr_batch_var sigma=1 m=2,8 rho=0.1,0.5 \
		--samples 2000 --threads 2 > /dev/null
	$(Q)$(call VG_RUN,check) $(BIN) check corr_batch_var --budget 20000 --threads 2 > /dev/null; \
		rc=$$?; [ $$rc -le 1 ] || { echo "check exited $$rc"; exit 1; }
	$(Q)$(call VG_RUN,calibrate) $(BIN) calibrate noise_scale_progress/exp_noise \
		bn_bias/small_batch --seeds 4 --budget 1000 --threads 2 > /dev/null; \
		rc=$$?; [ $$rc -le 1 ] || { echo "calibrate exited $$rc"; exit 1; }
	@echo "  VALGRIND the test suite (slow)"
	$(Q)$(call VG_RUN,tests) $(VG_BIN)
	@echo "valgrind: no memory error and no leak in any process"

# The harness's false-alarm rates (src/calibrate.c); exit status 1 when a point is flagged.
calibrate: $(BIN)
	$(Q)$(BIN) calibrate $(CALIBRATE_FLAGS) > $(BUILD)/calibrate.txt; rc=$$?; \
		cat $(BUILD)/calibrate.txt; exit $$rc

# Error bars in the figures are +-PLOT_Z SE: a sweep has no z of its own, so the band is a stated
# one, near the harness's threshold (the report's captions give both).
PLOT_Z := 6
$(BUILD)/plots/%.pdf $(BUILD)/plots/%.png: plots/%.gp plots/style.gnuplot $(BIN)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GNUPLOT $<")
	$(Q)gnuplot -e "bc='$(BIN)'; out='$(BUILD)/plots/$*'; z=$(PLOT_Z)" plots/style.gnuplot $<
	@# cairo stamps the current time into the PDF; pin it (same length, offsets unchanged) to
	@# the last commit of the script or its style, not of the tree: a plot is not rebuilt for
	@# every commit, and an older build must match a clean one at the same commit
	$(Q)t=$$(git log -1 --format=%ct -- $< plots/style.gnuplot 2>/dev/null); \
		LC_ALL=C sed -i "s/(D:[0-9]\{14\}Z)/(D:$$(date -u -d @$${t:-$(EPOCH)} +%Y%m%d%H%M%S)Z)/" \
		$(BUILD)/plots/$*.pdf

plots: $(PLOTS)

# A benchmark, not a test: prints ratios measured in one run (see bench/bench_mc.c).
$(BUILD)/bench_mc: $(BUILD)/obj/bench/bench_mc.o $(BUILD)/obj/bench/peer.o $(LIB)
	$(Q)$(CC) $(ALL_LDFLAGS) $^ $(LIBS) -o $@
bench: $(BUILD)/bench_mc $(MPI_BIN)
	$(Q)$(BUILD)/bench_mc
ifneq ($(MPI_BIN),)
	@echo "MPI ranks against OpenMP threads (bench/mpi_scaling)"
	$(Q)bench/mpi_scaling $(BUILD)
endif

# bc_vmath.h's speed (ns per element); `$(BUILD)/bench_vmath accuracy` runs its MPFR sweeps.
.PHONY: bench-vmath
$(BUILD)/bench_vmath: $(BUILD)/obj/bench/bench_vmath.o $(LIB)
	$(Q)$(CC) $(ALL_LDFLAGS) $^ $(LIBS) -o $@
bench-vmath: $(BUILD)/bench_vmath
	$(Q)$(BUILD)/bench_vmath
-include $(BUILD)/obj/bench/bench_vmath.d

# The ziggurats' tables (include/bc_ziggurat.h), computed in MPFR and written as exact
# constants; the committed file is this program's output, byte for byte.
$(BUILD)/gen_ziggurat_tables: tools/gen_ziggurat_tables.c include/bc_ziggurat.h
	@mkdir -p $(@D)
	$(Q)$(CC) $(ALL_CPPFLAGS) $(WARNINGS) $(FP) $(CFLAGS) $< -lmpfr -lgmp -o $@
ziggurat-tables: $(BUILD)/gen_ziggurat_tables
	$(Q)$< > src/ziggurat_tables.c.tmp && mv src/ziggurat_tables.c.tmp src/ziggurat_tables.c

# libFuzzer on the parameter parser (tests/fuzz/fuzz_param.c), FUZZ_SECONDS long, with
# clang's -fsanitize=fuzzer,address,undefined; new inputs go to $(BUILD)/fuzz-corpus.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -g -O1 \
	-Wno-pass-failed # instrumented loops need not vectorise
$(BUILD)/fuzz/fuzz_param: tests/fuzz/fuzz_param.c $(LIB_SRC) $(wildcard include/*.h)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZ-CC $@")
	$(Q)clang $(ALL_CPPFLAGS) $(WARNINGS) -fopenmp $(FUZZ_FLAGS) \
		$(filter %.c,$^) $(LIBS) -o $@
fuzz: $(BUILD)/fuzz/fuzz_param
	$(Q)mkdir -p $(BUILD)/fuzz-corpus
	$(Q)$< -max_total_time=$(FUZZ_SECONDS) -max_len=512 -print_final_stats=1 \
		$(BUILD)/fuzz-corpus tests/fuzz/corpus > $(BUILD)/fuzz.log 2>&1; \
		rc=$$?; tail -8 $(BUILD)/fuzz.log; exit $$rc

# Mutation testing, a benchmark of about an hour, not a test: scripts/mutate builds each
# mutant tools/mutate.c makes of theory/ and sim/ in a copy of the tree under
# $(BUILD)/mutate and runs the harness on it; report in $(BUILD)/mutate/report.txt.
# MUTATE_SITES (default 25) sites per file, 0 for all; `scripts/mutate --report` rewrites
# the report from the last run's results with the marks the sources hold now.
$(MUTATE_TOOL): tools/mutate.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(WARNINGS) $(SAN) $(CFLAGS) $< -o $@
mutate: $(BIN) $(MUTATE_TOOL)
	$(Q)env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS BUILD="$(BUILD)" CC="$(CC)" CFLAGS="$(CFLAGS)" \
		$(if $(MUTATE_SITES),MUTATE_SITES="$(MUTATE_SITES)") scripts/mutate

# The scaffold of a new claim (scripts/new-claim says what it writes).
new-claim:
	@[ -n "$(ID)" ] || { echo "usage: make new-claim ID=name" >&2; exit 2; }
	$(Q)scripts/new-claim $(ID)

install: $(BIN) $(MPI_BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/batchcheck
ifneq ($(MPI_BIN),)
	install -m 755 $(MPI_BIN) $(DESTDIR)$(PREFIX)/bin/batchcheck-mpi
endif

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := make gcc libc6-dev git libgsl-dev libmpfr-dev libgmp-dev libcriterion-dev \
	librandom123-dev gnuplot-nox texlive-latex-base texlive-latex-recommended \
	texlive-fonts-recommended latex-cjk-common latex-cjk-chinese-arphic-gbsn00lp \
	latexmk poppler-utils clang libclang-rt-14-dev libomp-dev valgrind \
	libopenmpi-dev openmpi-bin
deps:
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends \
		$(DEB_PACKAGES)

# Only `make bench` uses Python: its NumPy peers (bench/peers/) under Debian's /usr/bin/python3.
deps-bench:
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends \
		python3 python3-numpy

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(MAIN_OBJ:.o=.d) $(BUILD)/obj/bench/bench_mc.d $(BUILD)/obj/bench/peer.d \
	$(BUILD)/obj/tests/probe/leak.d $(BUILD)/obj/tests/valgrind/main.d
