<#
.SYNOPSIS
  Installs the Acronis Cyber Protect agent unattended and registers it with the registration
  token ninja-bridge wrote into a NinjaOne organization custom field (`ninja-bridge agents token`).

.DESCRIPTION
  Add to NinjaOne's automation library as PowerShell, Windows, Run As System, with the script
  variables (NinjaOne passes them as environment variables):
    tokenField     the token field's API name, e.g. acronisRegistrationToken (required)
    dataCenterUrl  your Acronis data centre, e.g. https://eu2-cloud.acronis.com (required)
    installerUrl   where to download the agent installer (optional; default below)

  Exit codes: 0 installed and registered, or already installed; 1 missing input (no token,
  no data centre); 2 download or installation failed (an expired token fails here).

  UNVERIFIED (reference acronis-api §10): the installer switches are those of Acronis' own
  example (acronis-cyber-platform-powershell-examples, agent/agent_installation.ps1); the
  download link is the data centre's agent redirect as the console's download button uses it.
#>
$ErrorActionPreference = "Stop"

function Fail([int] $code, [string] $message) {
  Write-Output "ERROR: $message"
  exit $code
}

# Already installed: the Managed Machine Service is there. Installing again would not register anew.
if (Get-Service -Name "MMS" -ErrorAction SilentlyContinue) {
  Write-Output "The Acronis agent is already installed; nothing to do."
  exit 0
}

$field = $env:tokenField
$dataCenter = $env:dataCenterUrl
if ([string]::IsNullOrWhiteSpace($field)) { Fail 1 "the script variable tokenField is not set (the organization field holding the registration token)" }
if ([string]::IsNullOrWhiteSpace($dataCenter)) { Fail 1 "the script variable dataCenterUrl is not set (e.g. https://eu2-cloud.acronis.com)" }
$dataCenter = $dataCenter.TrimEnd("/")

# Ninja-Property-Get reads the field the organization holds (devices inherit organization values).
$token = Ninja-Property-Get $field
if ([string]::IsNullOrWhiteSpace($token)) {
  Fail 1 "the field $field holds no registration token for this organization: run ``ninja-bridge agents token`` and check the field's script permission"
}

$installerUrl = $env:installerUrl
if ([string]::IsNullOrWhiteSpace($installerUrl)) {
  $installerUrl = "$dataCenter/bc/api/ams/links/agents/redirect?language=multi&channel=CURRENT&system=windows&architecture=64&productType=enterprise"
}
$installer = Join-Path $env:TEMP "Cyber_Protection_Agent_for_Windows_x64.exe"
try {
  [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
  Invoke-WebRequest -Uri $installerUrl -OutFile $installer -UseBasicParsing
} catch {
  Fail 2 "could not download the agent installer from $installerUrl : $($_.Exception.Message)"
}

$process = Start-Process -FilePath $installer -ArgumentList @("--quiet", "--registration", "by-token", "--reg-token", $token, "--reg-address", $dataCenter) -Wait -PassThru
Remove-Item $installer -Force -ErrorAction SilentlyContinue
if ($process.ExitCode -ne 0) {
  Fail 2 "the agent installer exited with $($process.ExitCode); an expired or revoked token fails registration: run ``ninja-bridge agents token`` to renew it"
}
Write-Output "The Acronis agent is installed and registered with $dataCenter."
exit 0
