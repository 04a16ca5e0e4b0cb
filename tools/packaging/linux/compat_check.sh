#!/bin/sh
# Runs INSIDE a copy of a clean Debian 11 test root (tools/packaging/linux/debian11.py test).
#   compat_check.sh DEB USER TRIPLET   install the .deb, check its files and libraries, run the
#                                      installed self-test and a CLI round trip as USER
#   compat_check.sh --removed USER     after `apt-get purge`: nothing of the package is left and
#                                      the clerk's data folder is still there
# The root has no Python: everything here uses the installed program and POSIX tools only.
set -eu
fail() { echo "FAIL: $*" >&2; exit 1; }
app=/opt/hearing-helper
data_of() { echo "/home/$1/.local/share/HearingHelper"; }

if [ "$1" = --removed ]; then
  user=$2
  dpkg-query -W -f='${Status}' hearing-helper 2>/dev/null | grep -q "install ok" \
    && fail "hearing-helper is still installed"
  for path in $app /usr/bin/hearing-helper /usr/share/applications/hearing-helper.desktop \
      /usr/share/icons/hicolor/256x256/apps/hearing-helper.png; do
    [ -e "$path" ] || [ -L "$path" ] && fail "$path is left after removal"
  done
  [ -f "$(data_of "$user")/hearing_helper.sqlite3" ] \
    || fail "the clerk's data folder $(data_of "$user") is gone after removal"
  echo "removal: OK, no file of the package left, $(data_of "$user") kept"
  exit 0
fi

deb=$1 user=$2 triplet=$3
echo "== apt-get install $deb (dependencies from Debian 11 by their package names)"
apt-get install -y -qq --no-install-recommends "$deb" >/tmp/apt.log 2>&1 \
  || { cat /tmp/apt.log; fail "the .deb does not install"; }
for path in $app/HearingHelper $app/hearing-helper-cli /usr/bin/hearing-helper \
    /usr/share/applications/hearing-helper.desktop \
    /usr/share/icons/hicolor/256x256/apps/hearing-helper.png; do
  [ -e "$path" ] || fail "$path is missing after install"
done
grep -q '^Name\[zh_CN\]=庭审协助助手$' /usr/share/applications/hearing-helper.desktop \
  || fail "the desktop entry has no Chinese name"
grep -q "^Exec=$app/HearingHelper" /usr/share/applications/hearing-helper.desktop \
  || fail "the desktop entry does not start $app/HearingHelper"

echo "== every library of every file resolves (dependencies complete)"
missing=$(find $app -type f \( -name '*.so*' -o -perm -u+x \) | while read -r file; do
  [ "$(head -c 4 "$file" | od -An -c | tr -d ' ')" = '177ELF' ] || continue
  LD_LIBRARY_PATH=$app/_internal ldd "$file" 2>/dev/null | grep "not found" | sed "s|^|$file: |"
done | sort -u)
if [ -n "$missing" ]; then
  echo "$missing" | head -10
  echo "missing libraries (files needing each):"
  echo "$missing" | awk '{print $2}' | sort | uniq -c
  fail "libraries not found (a Depends is missing)"
fi

as_user() { runuser -u "$user" -- env HOME="/home/$user" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"; }

echo "== installed self-test (offscreen) as $user"
as_user hearing-helper --self-test >/tmp/self-test.txt 2>&1 || { cat /tmp/self-test.txt; fail "self-test"; }
cat /tmp/self-test.txt
machine=${triplet%%-*}
head -n 1 /tmp/self-test.txt | grep -q "frozen, linux $machine" \
  || fail "the self-test header does not name $machine"
grep -q "^Self-test passed" /tmp/self-test.txt || fail "the self-test did not pass"

echo "== CLI round trip as $user"
span="--from 2000-01-01 --to 2100-12-31"
as_user hearing-helper demo-data --count 200 --days 30 || fail "demo-data"
as_user hearing-helper report $span --json >/tmp/report.json || fail "report --json"
grep -q '"visit_count": 200,' /tmp/report.json \
  || { head -c 600 /tmp/report.json; fail "report: not the 200 visits demo-data wrote"; }
password='Court-Desk-2026!'
printf '%s\n%s\n' "$password" "$password" | as_user hearing-helper supervisor set-password \
  || fail "supervisor set-password"
printf '%s\n' "$password" \
  | as_user hearing-helper export $span --format xlsx --out /tmp/visits.xlsx || fail "export"
[ "$(head -c 2 /tmp/visits.xlsx)" = PK ] || fail "export: /tmp/visits.xlsx is not an XLSX (zip)"
echo "export: $(wc -c </tmp/visits.xlsx) bytes"
as_user hearing-helper verify-log || fail "verify-log"
echo "compat check: OK ($machine)"
