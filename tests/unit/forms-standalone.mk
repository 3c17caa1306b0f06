# Standalone build of the forms/ unit tests, until the autotools build
# takes them over.  From the top of the tree:
#     make -f tests/unit/forms-standalone.mk check
# Everything goes through AddressSanitizer and UBSan.

CC       = gcc
CXX      = g++
SAN      = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
CFLAGS   = -std=c11 -Wall -Wextra -Werror -g -O1 $(SAN)
CXXFLAGS = -std=c++17 -Wall -Wextra -Werror -g -O1 $(SAN)
CPPFLAGS = -I.
LDFLAGS  = $(SAN)
PHONE_LIBS = -lgeocoding -lphonenumber -licui18n -licuuc
PCRE_LIBS  = -lpcre2-8
TEST_LIBS  = -lcmocka

B = build-forms

TESTS = $(B)/test_forms_utf8 $(B)/test_forms_idnum $(B)/test_forms_dates \
	$(B)/test_forms_pattern $(B)/test_forms_phone $(B)/test_forms_form

all: $(TESTS)

$(B)/%.o: forms/%.c forms/*.h
	@mkdir -p $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(B)/phone.o: forms/phone.cc forms/*.h
	@mkdir -p $(B)
	$(CXX) $(CPPFLAGS) $(CXXFLAGS) -c $< -o $@

$(B)/test_%.o: tests/unit/test_%.c forms/*.h
	@mkdir -p $(B)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(B)/test_forms_utf8: $(B)/test_forms_utf8.o $(B)/utf8.o
	$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LIBS)

$(B)/test_forms_idnum: $(B)/test_forms_idnum.o $(B)/idnum.o $(B)/dates.o $(B)/utf8.o
	$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LIBS)

$(B)/test_forms_dates: $(B)/test_forms_dates.o $(B)/dates.o $(B)/utf8.o
	$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LIBS)

$(B)/test_forms_pattern: $(B)/test_forms_pattern.o $(B)/pattern.o
	$(CC) $(LDFLAGS) -o $@ $^ $(PCRE_LIBS) $(TEST_LIBS)

$(B)/test_forms_phone: $(B)/test_forms_phone.o $(B)/phone.o $(B)/utf8.o
	$(CXX) $(LDFLAGS) -pthread -o $@ $^ $(PHONE_LIBS) $(TEST_LIBS)

FORM_OBJS = $(B)/answers.o $(B)/field.o $(B)/callform.o $(B)/dates.o \
	$(B)/idnum.o $(B)/pattern.o $(B)/phone.o $(B)/utf8.o
$(B)/test_forms_form: $(B)/test_forms_form.o $(FORM_OBJS)
	$(CXX) $(LDFLAGS) -o $@ $^ $(PHONE_LIBS) $(PCRE_LIBS) $(TEST_LIBS)

check: $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; ./$$t; done

clean:
	rm -rf $(B)

.PHONY: all check clean
