# lia: learning impact analytics for safeguarding partnerships.
#
# Hand-written GNU Makefile.  Library folders (core, import, analytics, charts,
# reports, demo) are compiled into one static library; cli/ links it into ./lia.
# Every tests/test_*.c is a cmocka program linked against the same library;
# tests/run.sh runs them and the end-to-end scripts in tests/e2e/.
#
# Variants: `make` builds into build/; `make check-asan` rebuilds everything
# with AddressSanitizer and UBSan into build-asan/ and runs the same tests.

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DESTDIR ?=

CC      ?= cc
B       ?= build
PKGS    := sqlite3 gsl cairo pangocairo glib-2.0 libpng nettle
OPT     ?= -O2 -g
WERROR  ?= -Werror
WARN    := -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes -Wwrite-strings \
           -Wshadow -Wno-missing-field-initializers
SAN     ?=
CFLAGS  ?=
LDFLAGS ?=
ALL_CFLAGS  = -std=c11 -D_GNU_SOURCE $(OPT) $(WARN) $(WERROR) $(SAN) -I. \
              $(shell pkg-config --cflags $(PKGS)) -MMD -MP $(CFLAGS)
LIBS        = $(shell pkg-config --libs $(PKGS)) -lcsv -lm
TEST_LIBS   = $(shell pkg-config --libs cmocka)

VERSION := $(shell cat VERSION)
V ?= 0
ifeq ($(V),0)
Q = @
QCC = @echo '  CC    $<';
else
Q =
QCC =
endif

LIB_DIRS := core import analytics charts reports demo
LIB_SRC  := $(wildcard $(addsuffix /*.c,$(LIB_DIRS)))
CLI_SRC  := $(wildcard cli/*.c)
TEST_SRC := $(wildcard tests/test_*.c)
LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o) $(B)/core/schema_sql.o
CLI_OBJ  := $(CLI_SRC:%.c=$(B)/%.o)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
# Each fuzz target (tests/fuzz/fuzz_NAME.c) is also a test: test_fuzz_NAME
# replays its seeds and the inputs that once crashed it (tests/fuzz/replay.c).
FUZZ_TARGETS := $(sort $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c))))
FUZZ_REPLAY = $(FUZZ_TARGETS:%=$(B)/tests/test_%)

.PHONY: all deps test unit e2e check-asan check-valgrind fuzz demo bench gallery install uninstall clean
.DEFAULT_GOAL := all

all: lia

lia: $(B)/lia
	@if [ "$(B)" = build ]; then cp -f $(B)/lia lia; fi

$(B)/lia: $(CLI_OBJ) $(B)/liblia.a
	$(Q)echo '  LINK  $@'; $(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(B)/liblia.a $(LIBS) $(LDFLAGS)

$(B)/liblia.a: $(LIB_OBJ)
	$(Q)rm -f $@; ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(ALL_CFLAGS) -DLIA_VERSION='"$(VERSION)"' -c -o $@ $<

# The schema is compiled in: core/schema.sql becomes one C string.
$(B)/core/schema_sql.c: core/schema.sql
	@mkdir -p $(dir $@)
	$(Q){ echo '/* generated from core/schema.sql; do not edit */'; \
	  echo 'extern const char lia_schema_sql[];'; \
	  echo 'const char lia_schema_sql[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@

$(B)/core/schema_sql.o: $(B)/core/schema_sql.c
	$(QCC)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/%.c $(B)/liblia.a
	@mkdir -p $(dir $@)
	$(QCC)$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/liblia.a $(LIBS) $(TEST_LIBS) $(LDFLAGS)

$(B)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz_db.h $(B)/liblia.a
	@mkdir -p $(dir $@)
	$(Q)echo '  LINK  $@'; $(CC) $(ALL_CFLAGS) -DFUZZ_NAME='"fuzz_$*"' \
	    -DFUZZ_SEEDS='"$(B)/fuzz-seeds/fuzz_$*"' -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c \
	    $(B)/liblia.a $(LIBS) $(LDFLAGS)

# The preload library of the crash tests (tests/crash/killat.c), built
# without the sanitizers in every variant.
$(B)/tests/killat.so: tests/crash/killat.c
	@mkdir -p $(dir $@)
	$(Q)echo '  LINK  $@'; $(CC) -std=c11 -O2 -Wall -Wextra $(WERROR) -shared -fPIC -o $@ $< -ldl

$(B)/tests/gallery: tests/gallery.c $(B)/liblia.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/liblia.a $(LIBS) $(LDFLAGS)

deps:
	@sh tools/deps.sh

# `make test`: dependencies, build, then every unit and end-to-end test.
test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory $(TEST_BIN) $(FUZZ_REPLAY) $(B)/tests/killat.so
	@sh tests/fuzz/seed.sh $(B)/fuzz-seeds
	@sh tests/run.sh $(B)

check-asan: deps
	@$(MAKE) --no-print-directory B=build-asan OPT='-O1 -g -fno-omit-frame-pointer' \
	    SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' build-asan/lia
	@$(MAKE) --no-print-directory B=build-asan OPT='-O1 -g -fno-omit-frame-pointer' \
	    SAN='-fsanitize=address,undefined -fno-sanitize-recover=all' \
	    $(TEST_SRC:tests/%.c=build-asan/tests/%) $(FUZZ_TARGETS:%=build-asan/tests/test_%) \
	    build-asan/tests/killat.so
	@sh tests/fuzz/seed.sh build-asan/fuzz-seeds
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	    sh tests/run.sh build-asan

# `make check-valgrind`: the end-to-end tests with lia under valgrind's
# memcheck (tests/valgrind.sh), two scripts at a time: no error and nothing
# definitely lost.  (The unit tests run under the sanitizers instead.)
# VG_PER=N checks only the first N runs of each command and kind (CI: 1,
# to fit its time); unset, every run.
VG_PER ?= 0
check-valgrind: deps
	@$(MAKE) --no-print-directory B=build-vg OPT='-O1 -g' build-vg/lia build-vg/tests/killat.so
	@rm -rf build-vg/valgrind
	@VG_LOGS=$(CURDIR)/build-vg/valgrind VG_PER=$(VG_PER) JOBS=2 LIA_SLOW=30 RUNNER=$(CURDIR)/tests/valgrind.sh sh tests/run.sh build-vg e2e; \
	    s=$$?; n=$$(cat build-vg/valgrind/*.log 2>/dev/null | grep -c 'ERROR SUMMARY: [1-9]\|definitely lost: [1-9]'); \
	    echo "valgrind: $$(ls build-vg/valgrind/*.log 2>/dev/null | wc -l) runs under memcheck, $$n with errors or definite leaks"; \
	    [ $$s -eq 0 ] && [ $$n -eq 0 ]

# `make fuzz`: every fuzz target (tests/fuzz/fuzz_*.c) under libFuzzer
# (clang, libclang-rt-14-dev) with AddressSanitizer and UBSan, for
# FUZZ_SECONDS each, from its seed corpus (tests/fuzz/seed.sh: the
# fixtures and the conformance CSVs) and what earlier runs found
# (tests/fuzz/regress/NAME), at the lowest priority.  A crashing input is
# left in build-fuzz/found/NAME/ (crash-*): add it to tests/fuzz/regress/NAME/.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS ?=
FUZZ_SAN = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
fuzz: deps
	@$(MAKE) --no-print-directory CC=clang B=build-fuzz OPT='-O1 -g -fno-omit-frame-pointer' \
	    SAN='$(FUZZ_SAN)' build-fuzz/liblia.a
	@sh tests/fuzz/seed.sh build-fuzz/seeds
	@for t in $(FUZZ_TARGETS); do \
	    echo "  FUZZ  $$t ($(FUZZ_SECONDS) s)"; \
	    clang -std=c11 -D_GNU_SOURCE -O1 -g -I. $(shell pkg-config --cflags $(PKGS)) \
	        -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	        -o build-fuzz/$$t tests/fuzz/$$t.c build-fuzz/liblia.a $(LIBS) || exit 1; \
	    mkdir -p build-fuzz/found/$$t build-fuzz/corpus/$$t; r=tests/fuzz/regress/$$t; \
	    [ -d $$r ] || r=; \
	    ASAN_OPTIONS=detect_leaks=1 nice -n 19 build-fuzz/$$t -max_total_time=$(FUZZ_SECONDS) \
	        -max_len=8192 -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
	        -artifact_prefix=build-fuzz/found/$$t/ $(FUZZ_FLAGS) build-fuzz/corpus/$$t \
	        build-fuzz/seeds/$$t $$r >build-fuzz/$$t.log 2>&1; \
	    s=$$?; grep -E '^(Done|stat::number_of_executed_units|==.*ERROR|SUMMARY)' build-fuzz/$$t.log; \
	    [ $$s -eq 0 ] || { tail -60 build-fuzz/$$t.log; exit $$s; }; \
	done

# `make demo`: the Westmere demo partnership (demo/: the seed report's
# figures, fictional people) written, imported and charted into out/, with
# the report packs when lia has them; `lia demo` says what it wrote.
demo: deps
	@$(MAKE) --no-print-directory -j$$(nproc 2>/dev/null || echo 1) all
	@$(B)/lia demo --out out

bench: deps
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh

gallery: deps
	@$(MAKE) --no-print-directory all $(B)/tests/gallery
	$(B)/tests/gallery out/gallery

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(B)/lia $(DESTDIR)$(BINDIR)/lia
	install -m 0644 docs/lia.1 $(DESTDIR)$(MANDIR)/man1/lia.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/lia $(DESTDIR)$(MANDIR)/man1/lia.1

clean:
	rm -rf build build-asan build-fuzz build-vg lia

-include $(shell find $(B) -name '*.d' 2>/dev/null)
