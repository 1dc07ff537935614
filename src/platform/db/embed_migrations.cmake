# Writes OUT: a C++ file holding every migrations/NNNN_name.sql as a raw string, in order,
# so the binary carries its schema and `qizhi migrate` needs no files beside it.
file(GLOB files "${DIR}/migrations/*.sql")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  string(REGEX MATCH "^[0-9]+" version "${name}")
  # 0009 would be an invalid octal literal (and 0011 silently 9): the number without leading zeros.
  string(REGEX REPLACE "^0+([0-9])" "\\1" version "${version}")
  file(READ "${f}" sql)
  string(APPEND body "    {${version}, \"${name}\", R\"qzsql(${sql})qzsql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "// Generated from src/platform/db/migrations/*.sql. Do not edit.\n#include \"platform/db/migrations.hpp\"\nnamespace qizhi::platform::db {\nconst std::vector<Migration>& EmbeddedMigrations() {\n  static const std::vector<Migration> kAll = {\n${body}  };\n  return kAll;\n}\n}  // namespace qizhi::platform::db\n")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
