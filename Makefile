# batchcheck - GNU make, out-of-tree build into $(BUILD) with automatic header dependencies.
#
#   make                  build $(BUILD)/batchcheck
#   make check            build and run every test, then the harness (`batchcheck check`)
#   make check SANITIZE=1 the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make plots            gnuplot figures (PDF and PNG) into $(BUILD)/plots
#   make deps             install the Debian packages the project needs (as root)
#   make install          install the CLI into $(DESTDIR)$(PREFIX)/bin
#   V=1                   show commands; CC, CFLAGS, PREFIX, DESTDIR are honoured

CC ?= cc
CFLAGS ?= -O2 -g
PREFIX ?= /usr/local
BUILD ?= build

WARNINGS := -std=c11 -Wall -Wextra -Wpedantic -Werror
OPENMP := -fopenmp
ALL_CPPFLAGS := -Iinclude -D_POSIX_C_SOURCE=200809L $(CPPFLAGS)
LIBS := -lmpfr -lgmp -lgsl -lgslcblas -lm

ifeq ($(SANITIZE),1)
BUILD := $(BUILD)/sanitize
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

ALL_CFLAGS := $(WARNINGS) $(OPENMP) $(SAN) $(CFLAGS)
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
PLOTS := $(patsubst plots/%.gp,$(BUILD)/plots/%.pdf,$(wildcard plots/*.gp))

.PHONY: all check plots install deps clean
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

# The tests run the CLI too, so they know where it is.
$(BUILD)/obj/tests/%.o: ALL_CPPFLAGS += -DBC_BINARY='"$(abspath $(BIN))"'
$(TEST_BIN): $(TEST_OBJ) $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_LDFLAGS) $^ -lcriterion $(LIBS) -o $@

# Criterion's synthesis line, then the harness's "N passed, N failed" line.
check: $(BIN) $(TEST_BIN)
	$(Q)$(TEST_BIN)
	$(Q)$(BIN) check

$(BUILD)/plots/%.pdf $(BUILD)/plots/%.png: plots/%.gp $(BIN)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  GNUPLOT $<")
	$(Q)gnuplot -e "bc='$(BIN)'; out='$(BUILD)/plots/$*'" $<

plots: $(PLOTS)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/batchcheck

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PACKAGES := make gcc libc6-dev libgsl-dev libmpfr-dev libgmp-dev libcriterion-dev \
	librandom123-dev gnuplot-nox
deps:
	$(SUDO) apt-get update
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends \
		$(DEB_PACKAGES)

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(MAIN_OBJ:.o=.d)
