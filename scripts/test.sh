#!/usr/bin/env bash
# Install everything the tests need into .venv and run every test. The README's second
# quick-start command and CI (.ci/run) both run exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use, installed only when missing so a developer's machine is left
# alone. LibreOffice converts legacy .doc/.rtf/.odt returns, and (its Draw part) the EMF/WMF
# pictures Word pastes charts as.
# Chromium runs the accessibility checks (axe-core) and takes the screenshots; Java runs the Nu
# HTML checker; Hugo and Jekyll build the Markdown output as real static sites.
DEBIAN_PACKAGES=(libreoffice-writer-nogui libreoffice-draw-nogui chromium default-jre-headless hugo jekyll)
missing=()
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
dpkg -s libreoffice-draw-nogui >/dev/null 2>&1 || dpkg -s libreoffice-draw >/dev/null 2>&1 || missing+=(libreoffice-draw-nogui)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
command -v jekyll >/dev/null 2>&1 || missing+=(jekyll)
if [ "${#missing[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "scripts/test.sh: installing ${missing[*]} (needed by the tests)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "scripts/test.sh: please install the Debian packages: ${DEBIAN_PACKAGES[*]}" >&2
  fi
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

set +e
.venv/bin/python -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "scripts/test.sh: pytest collected no tests; that is a failure, not a pass" >&2
  exit 1
fi
exit "$rc"
