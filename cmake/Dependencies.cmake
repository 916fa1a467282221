# Every library comes from a Debian package (scripts/install-deps.sh installs them).
# Each is an imported target named deps::<name>, so parts link what they use and no more.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

foreach(spec
    "sqlite3;sqlite3"
    "yaml-cpp;yaml-cpp"
    "utf8proc;libutf8proc"
    "md4c;md4c"
    "stb;stb"
    "sodium;libsodium"
    "zstd;libzstd"
    "curl;libcurl"
    "inih;inih"
    "systemd;libsystemd"
    "sdl2;sdl2"
    "freetype;freetype2"
    "qrencode;libqrencode"
    "espeak;espeak-ng")
  list(GET spec 0 name)
  list(GET spec 1 module)
  pkg_check_modules(PC_${name} REQUIRED IMPORTED_TARGET ${module})
  add_library(deps::${name} ALIAS PkgConfig::PC_${name})
endforeach()

find_package(nlohmann_json 3 REQUIRED)
add_library(deps::json ALIAS nlohmann_json::nlohmann_json)

# Debian's libimgui.a carries the SDL2 and OpenGL3 backends and the FreeType builder.
pkg_check_modules(PC_imgui REQUIRED IMPORTED_TARGET imgui)
find_package(OpenGL REQUIRED)
add_library(deps_imgui INTERFACE)
target_link_libraries(deps_imgui INTERFACE PkgConfig::PC_imgui PkgConfig::PC_sdl2
  PkgConfig::PC_freetype OpenGL::GL ${CMAKE_DL_LIBS})
target_compile_definitions(deps_imgui INTERFACE IMGUI_ENABLE_FREETYPE)
add_library(deps::imgui ALIAS deps_imgui)

if(KIOSK_BUILD_TESTS)
  find_package(doctest REQUIRED)
endif()
