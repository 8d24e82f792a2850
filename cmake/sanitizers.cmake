# ASan + UBSan configuration: every target, every test, any UB report fails.
if(GATEHOUSE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined -fno-sanitize-recover=all)
endif()

# Fuzz builds: coverage instrumentation everywhere, so libFuzzer is guided by
# the libraries' code and not only by the fuzz target's.
if(GATEHOUSE_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# RapidJSON 1.1.0 (Debian's rapidjson-dev) adds an offset to its parse
# stack's null pointer before the first allocation (internal/stack.h,
# Stack::Reserve; fixed upstream after 1.1.0). That one UBSan check,
# pointer-overflow, is disabled in the translation units that instantiate
# RapidJSON's templates; every other check stays on everywhere.
function(gatehouse_rapidjson_sources)
  if(GATEHOUSE_SANITIZE)
    set_source_files_properties(${ARGN} PROPERTIES COMPILE_OPTIONS -fno-sanitize=pointer-overflow)
  endif()
endfunction()
