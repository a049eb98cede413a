#!/usr/bin/env bash
# Runs CMD... with a real, unlocked Secret Service (gnome-keyring) on a private D-Bus session, so
# keytar talks to a real keychain on a headless machine (CI, containers). The keyring lives in a
# throwaway HOME-independent data dir and is unlocked with a throwaway password; nothing here is a
# real credential. EINVOICE_REQUIRE_KEYCHAIN=1 tells the keychain tests that a missing keychain is
# a failure, not a reason to skip.
#   usage: bash scripts/with-keyring.sh npx vitest run test/integration/vault-keychain.test.ts
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

if [ -z "${EINVOICE_IN_KEYRING_SESSION:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null 2>&1 || {
      echo "with-keyring: $tool not found (install dbus and gnome-keyring: scripts/install-system-deps.sh)" >&2
      exit 2
    }
  done
  # Re-enter this script inside a fresh session bus; the inner half starts the keyring.
  export EINVOICE_IN_KEYRING_SESSION=1
  exec dbus-run-session -- bash "$0" "$@"
fi

# Inner half: we are on the private session bus now.
# A private keyring directory, so the test never touches (or creates) a user's real login keyring.
keyring_home="$(mktemp -d "${TMPDIR:-/tmp}/einvoice-keyring.XXXXXX")"
# The daemon exits on its own when dbus-run-session tears the private bus down.
cleanup() { rm -rf "$keyring_home"; }
trap cleanup EXIT
export XDG_DATA_HOME="$keyring_home/data"
# Private runtime dir too: the daemon looks for an already running instance's control socket
# there, and must not join a keyring started by someone else's session.
export XDG_RUNTIME_DIR="$keyring_home/run"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

# --unlock reads the password from stdin and creates/unlocks the "login" keyring with it; the
# daemon prints NAME=VALUE lines (GNOME_KEYRING_CONTROL, ...) that clients need in their env.
throwaway="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
daemon_env="$(printf '%s' "$throwaway" | gnome-keyring-daemon --unlock --components=secrets)"
unset throwaway
while IFS= read -r line; do
  case "$line" in
    *=*) export "${line?}" ;;
  esac
done <<<"$daemon_env"

export EINVOICE_REQUIRE_KEYCHAIN=1
"$@"
