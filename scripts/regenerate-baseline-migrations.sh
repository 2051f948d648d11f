#!/usr/bin/env bash
# Deletes and regenerates the one initial migration per module and provider (ADR 0002), then re-inserts the calls of
# the modules' raw-SQL classes (<Module>SchemaSql.Up/Down) into the generated files. Only while nothing is released:
# databases made from the old baseline must be created anew afterwards (embedded: delete the data folder).
#
#   scripts/regenerate-baseline-migrations.sh            all modules
#   scripts/regenerate-baseline-migrations.sh Records    one module (Platform, Engine, Records)
#
# DOTNET overrides the dotnet command (e.g. DOTNET="/work/tools/slot dotnet" on a shared build machine).
set -euo pipefail
cd "$(dirname "$0")/.."
DOTNET=${DOTNET:-dotnet}

# module | project | migrations folder (relative to the project; the namespace follows it) | raw-SQL class (or -) | its namespace
MODULES=(
  "Platform|src/Amtsweg.Server|Platform/Migrations|-|-"
  "Engine|src/Amtsweg.Engine|Persistence/Migrations|-|-"
  "Records|src/Amtsweg.Records|Persistence/Migrations|RecordsSchemaSql|Amtsweg.Records.Persistence.Sql"
)
PROVIDERS=(Sqlite Postgres)

selected=("$@")
wanted() { [ ${#selected[@]} -eq 0 ] || [[ " ${selected[*]} " == *" $1 "* ]]; }

for entry in "${MODULES[@]}"; do
  IFS="|" read -r module project folder _ _ <<<"$entry"
  if wanted "$module"; then
    for provider in "${PROVIDERS[@]}"; do rm -rf "$project/$folder/$provider"; done
  fi
done

# One build without the old migrations; the generation below then reads the model from it (--no-build).
$DOTNET tool restore >/dev/null
$DOTNET build src/Amtsweg.Server -v q -nologo

for entry in "${MODULES[@]}"; do
  IFS="|" read -r module project folder sqlclass sqlnamespace <<<"$entry"
  wanted "$module" || continue
  for provider in "${PROVIDERS[@]}"; do
    $DOTNET ef migrations add "Initial$module" --no-build --project "$project" --startup-project "$project" \
      --context "$provider${module}DbContext" --output-dir "$folder/$provider" >/dev/null
    if [ "$sqlclass" != "-" ]; then
      file=$(ls "$project/$folder/$provider/"*_"Initial$module.cs")
      SQLCLASS=$sqlclass SQLNS=$sqlnamespace PROVIDER=$provider perl -0pi -e '
        s/(using Microsoft\.EntityFrameworkCore\.Migrations;\n)/using Amtsweg.Data.Providers;\nusing $ENV{SQLNS};\n$1/ or die "no using";
        s/(void Up\(MigrationBuilder migrationBuilder\)\n        \{\n.*?)(\n        \}\n)/$1\n\n            \/\/ The schema outside the EF model: named, tested SQL classes (ADR 0002).\n            $ENV{SQLCLASS}.Up(migrationBuilder, DatabaseProvider.$ENV{PROVIDER});$2/s or die "no Up";
        s/(void Down\(MigrationBuilder migrationBuilder\)\n        \{\n)/$1            $ENV{SQLCLASS}.Down(migrationBuilder, DatabaseProvider.$ENV{PROVIDER});\n\n/ or die "no Down";
      ' "$file"
      grep -q "$sqlclass.Up(migrationBuilder, DatabaseProvider.$provider)" "$file"
    fi
    echo "$module/$provider: $(ls "$project/$folder/$provider/"*_"Initial$module.cs")"
  done
done

# The generated files must build with the inserted calls.
$DOTNET build src/Amtsweg.Server -v q -nologo
