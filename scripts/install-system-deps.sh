#!/usr/bin/env bash
# Debian packages the build and the tests need. Run as root (CI is root); idempotent.
#   libsecret-1-dev, pkg-config  keytar builds from source against libsecret
#   gnome-keyring, dbus(-x11)    a real Secret Service for the keychain tests
#   chromium                     end-to-end tests and the HTML-print benchmark
#   poppler-utils, zbar-tools    PDF pages to PNG, QR codes read back from them
#   fonts-dejavu-core            a system font for chromium screenshots
set -euo pipefail
PACKAGES=(libsecret-1-dev pkg-config gnome-keyring dbus dbus-x11 libsecret-tools chromium poppler-utils zbar-tools fonts-dejavu-core)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
