// ime-tool: the stand-alone form of `kiosk ime`, so the stdin/stdout behaviour of the
// input engines is tested end to end as a real process before the kiosk app exists.
//   ime-tool telex|vni|plain [new|old]   < keystrokes (one line each)   > text
#include <csignal>
#include <iostream>

#include "touch-ui/vietnamese_input.hpp"

int main(int argc, char** argv) {
  // A reader that goes away must give a clean exit status, not death by SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  std::optional<touchui::InputMethod> method;
  std::optional<touchui::ToneStyle> style = touchui::ToneStyle::New;
  if (argc >= 2) method = touchui::ParseInputMethod(argv[1]);
  if (argc == 3) style = touchui::ParseToneStyle(argv[2]);
  if (argc < 2 || argc > 3 || !method || !style) {
    std::cerr << "usage: ime-tool telex|vni|plain [new|old]\n"
                 "  reads lines of keystrokes on stdin, writes the composed text, one line"
                 " per line\n";
    return 2;
  }
  std::ios::sync_with_stdio(false);
  const int status = touchui::RunImeFilter(*method, *style, std::cin, std::cout);
  if (status != 0) std::cerr << "ime-tool: could not read stdin or write stdout\n";
  return status;
}
