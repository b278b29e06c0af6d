; Inno Setup 6 script: a Windows installer for the standalone Kroniek.
;
; First build the one-folder app on Windows (see packaging/README.md):
;   py -3.11 -m venv .venv
;   .venv\Scripts\pip install . pyinstaller
;   .venv\Scripts\pyinstaller --noconfirm --clean packaging\pyinstaller\kroniek.spec ^
;       --distpath packaging\pyinstaller\dist --workpath packaging\pyinstaller\build
; which writes packaging\pyinstaller\dist\kroniek\ with Kroniek.exe (the window)
; and kroniek-cli.exe (the command line). Then:
;   iscc /DAppVersion=0.1.0 packaging\windows\kroniek.iss
; writes packaging\windows\Output\kroniek-0.1.0-setup.exe.
;
; Not built or tested by the project's CI (it runs on Linux).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Kroniek"
#define Dist "..\pyinstaller\dist\kroniek"

[Setup]
; Keep AppId unchanged between releases: it is how Windows finds the old version.
AppId={{E6C5959C-DEFD-429C-AD93-75640DD49BDA}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Kroniek team
AppPublisherURL=https://github.com/kroniek/kroniek
AppSupportURL=https://github.com/kroniek/kroniek/issues
AppCopyright=GPL-3.0-or-later; article text CC BY-SA 4.0
VersionInfoVersion={#AppVersion}
; Installs for the current user without administrator rights; an administrator
; can choose "for all users" in the dialog.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
LicenseFile=..\..\LICENSE
SetupIconFile=..\..\resources\icons\kroniek.ico
UninstallDisplayIcon={app}\Kroniek.exe
OutputDir=Output
OutputBaseFilename=kroniek-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0

[Languages]
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Dist}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "..\..\LICENSE"; DestDir: "{app}"; DestName: "LICENSE.txt"; Flags: ignoreversion
Source: "..\..\THIRD_PARTY_NOTICES.md"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\Kroniek.exe"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\Kroniek.exe"; Tasks: desktopicon; Comment: "{cm:AppComment}"

[CustomMessages]
nl.AppComment=Verken de kroniek van de Russische invasie van Oekraïne op een tijdlijn
en.AppComment=Explore the chronicle of the Russian invasion of Ukraine on a timeline

[Run]
Filename: "{app}\Kroniek.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; The uninstaller removes the program folder only. Your library and settings
; (%LOCALAPPDATA%\Kroniek) stay, as with any Windows program.
