export const HELP = `Usage: openclaw-audit [PATH...] [options]

Audits committed OpenClaw configs (openclaw.json, JSON5, $include) like
\`openclaw security audit\` (openclaw 2026.9.6, cold mode), with file:line:column
for every finding.

PATH is a config file, a folder (searched for openclaw.json, openclaw.json5 and
openclaw.jsonc, skipping .git and node_modules, and what .gitignore files
ignore) or a glob relative to the root. Default: the root.

Options:
  --json                 openclaw-compatible JSON (same as --format json)
  --format FORMAT        text (default), json, sarif, markdown, github
                         (workflow commands), gitlab (Code Quality) or junit
  --output FILE          write the report to FILE instead of stdout
  --output FORMAT=FILE   also write FORMAT to FILE (repeatable), from the
                         same run: --output sarif=a.sarif --output junit=a.xml
  --category NAME        SARIF category (automationDetails.id; default
                         openclaw-audit/): give each job that uploads its own
  --omit-suppressed      leave findings accepted by security.audit.suppressions
                         out of the SARIF log (code scanning would show them
                         as open alerts)
  --fail-on LEVEL        exit 1 when an active finding is at or above LEVEL:
                         critical (default), warn, info or none
  --baseline FILE        report and gate only findings that FILE (a --json
                         report or SARIF log of an earlier run) does not have
  --write-baseline FILE  write every finding of this run as a baseline (JSON)
  --config-file FILE     settings file (default: .openclaw-audit.yml at the
                         root, if there is one); flags override it
  --check GLOB           report only checks whose id matches (repeatable)
  --skip-check GLOB      never report checks whose id matches (repeatable)
  --env NAME             NAME is set where the gateway runs (repeatable; the
                         name only): \${NAME} counts as set to an unknown
                         value instead of unresolved; findings that depend
                         on it say so (default: the cold audit, like openclaw)
  --root DIR             repository root: paths are printed relative to it and
                         no config outside it is read (default: the current
                         folder; for a PATH outside it, the git top-level that
                         holds PATH, else PATH's folder)
  --exclude PATTERN      leave matching files and folders out of the search
                         (.gitignore syntax, relative to the root; repeatable)
  --verbose              list the files and folders the search skipped, and
                         why, on stderr
  --lenient              report schema issues as warnings and audit the config
                         as written (for configs that target another openclaw)
  --fix                  fix what openclaw's \`security audit --fix\` fixes in
                         config (channels.*.groupPolicy "open" -> "allowlist",
                         accounts too), in place, in the file each value lives
                         in (includes too), keeping every other byte; prints
                         the changes, then the audit after the fix
  --fix=security         only the security fix above
  --fix=migrate          only openclaw doctor --fix's config migrations (keys
                         moved, renamed or retired; unknown keys dropped),
                         written in place in each key's own file; plain --fix
                         applies both
  --dry-run              with --fix: print the changes as a unified diff
                         (for git apply) and write nothing; exit 0 when the
                         diff holds every change, 1 when one cannot be made
                         (--fail-on does not apply)
  --color WHEN           colour the text report: auto (default: on a terminal,
                         or when FORCE_COLOR is set; never with NO_COLOR),
                         always or never
  --no-color             same as --color never
  --list-checks          list every check (checkId, severities, title, docs
                         link) and exit; --format text, json or markdown
  -v, --version          print the version
  -h, --help             print this help

Exit codes: 0 no active finding at or above --fail-on; 1 there is one;
2 usage error, unreadable input or a config openclaw would reject.

Examples:
  openclaw-audit                         audit ./openclaw.json (and any below)
  openclaw-audit config/openclaw.json --json
  openclaw-audit . --format sarif --output openclaw-audit.sarif
  openclaw-audit 'deploy/**/openclaw.json' --fail-on warn
  openclaw-audit --output sarif=audit.sarif --output junit=audit.xml
  openclaw-audit --fix --dry-run > fix.patch && git apply fix.patch
`;
