#!/usr/bin/env bash
# Makes a real SMTP server available for the e-mail tests: Debian's python3-aiosmtpd.
# Usage: tests/smtp/start-smtp.sh            installs the package when it is missing, then exits
#        tests/smtp/start-smtp.sh PORT DIR   also runs the server on 127.0.0.1:PORT, storing mail
#                                            as a maildir under DIR (foreground; Ctrl-C stops it)
# The tests (tests/CostReports.Tests/Email) start the server themselves on a free port, through
# tests/smtp/smtp_server.py (STARTTLS, implicit TLS and AUTH as each test needs); they only need the
# package to be installed.
set -euo pipefail

# The Debian package installs into the system interpreter (/usr/bin/python3); a python3 earlier on
# PATH (pyenv, a venv) does not see it, so the tests try both, as this script does.
find_python() {
  for p in python3 /usr/bin/python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import aiosmtpd' 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

if ! PY=$(find_python); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-aiosmtpd
fi
PY=$(find_python)
"$PY" -c 'import aiosmtpd, sys; print("aiosmtpd", aiosmtpd.__version__, "is installed for", sys.executable)'

if [ $# -ge 2 ]; then
  mkdir -p "$2"
  exec "$PY" -m aiosmtpd -n -l "127.0.0.1:$1" -c aiosmtpd.handlers.Mailbox "$2"
fi
