#!/bin/sh
# Installs the Acronis Cyber Protect agent unattended (Linux, macOS) and registers it with the
# registration token ninja-bridge wrote into a NinjaOne organization custom field
# (`ninja-bridge agents token`).
#
# Add to NinjaOne's automation library as ShellScript, Linux and Mac, run as root, with the
# script variables (NinjaOne passes them as environment variables):
#   tokenField     the token field's API name, e.g. acronisRegistrationToken (required)
#   dataCenterUrl  your Acronis data centre, e.g. https://eu2-cloud.acronis.com (required)
#   installerUrl   where to download the agent installer (optional; default below)
#
# Exit codes: 0 installed and registered, or already installed; 1 missing input (no token, no
# data centre); 2 download or installation failed (an expired token fails here).
#
# UNVERIFIED (reference acronis-api §10): the Linux switches (-a --rain --token) are those of
# Acronis' own example (acronis-cyber-platform-bash-examples, 09.agent-installation.sh); the
# macOS package handling and the download link (the data centre's agent redirect) are not
# confirmed by a public source.
set -u

fail() {
  echo "ERROR: $2"
  exit "$1"
}

case "$(uname -s)" in
  Linux) system=linux; installed_dir=/usr/lib/Acronis/BackupAndRecovery; cli=/opt/NinjaRMMAgent/programdata/ninjarmm-cli ;;
  Darwin) system=mac; installed_dir="/Library/Application Support/BackupClient"; cli=/Applications/NinjaRMMAgent/programdata/ninjarmm-cli ;;
  *) fail 1 "unsupported system $(uname -s)" ;;
esac

if [ -d "$installed_dir" ]; then
  echo "The Acronis agent is already installed; nothing to do."
  exit 0
fi

field="${tokenField:-}"
data_center="${dataCenterUrl:-}"
[ -n "$field" ] || fail 1 "the script variable tokenField is not set (the organization field holding the registration token)"
[ -n "$data_center" ] || fail 1 "the script variable dataCenterUrl is not set (e.g. https://eu2-cloud.acronis.com)"
data_center="${data_center%/}"

# ninjarmm-cli reads the field the organization holds (devices inherit organization values).
token="$("$cli" get "$field" 2>/dev/null | tr -d '\r\n')"
[ -n "$token" ] || fail 1 "the field $field holds no registration token for this organization: run \`ninja-bridge agents token\` and check the field's script permission"

url="${installerUrl:-$data_center/bc/api/ams/links/agents/redirect?language=multi&channel=CURRENT&system=$system&architecture=64&productType=enterprise}"
work="$(mktemp -d)" || fail 2 "cannot create a temporary directory"
trap 'rm -rf "$work"' EXIT
installer="$work/agent-installer"
curl -fsSL "$url" -o "$installer" || fail 2 "could not download the agent installer from $url"

if [ "$system" = linux ]; then
  chmod +x "$installer"
  "$installer" -a --rain "$data_center" --token "$token" || fail 2 "the agent installer failed; an expired or revoked token fails registration: run \`ninja-bridge agents token\` to renew it"
else
  mount="$work/mnt"
  mkdir "$mount" && hdiutil attach -nobrowse -quiet -mountpoint "$mount" "$installer" || fail 2 "could not open the downloaded disk image"
  pkg="$(find "$mount" -maxdepth 2 -name '*.pkg' | head -n 1)"
  [ -n "$pkg" ] || { hdiutil detach -quiet "$mount"; fail 2 "the disk image holds no installer package"; }
  installer -pkg "$pkg" -target / || { hdiutil detach -quiet "$mount"; fail 2 "the agent package failed to install"; }
  hdiutil detach -quiet "$mount"
  # The macOS agent registers after installation with the same token (UNVERIFIED tool path).
  "/Library/Application Support/BackupClient/Acronis/RegisterAgentTool/RegisterAgent" -o register -t cloud -a "$data_center" --token "$token" ||
    fail 2 "registration failed; an expired or revoked token fails here: run \`ninja-bridge agents token\` to renew it"
fi
echo "The Acronis agent is installed and registered with $data_center."
exit 0
