// A progress line on stderr while kabar reads its inputs: percentage of the
// input bytes, articles coded and their rate, MB/s of article text, ETA.
// Only when stderr is a terminal; silent otherwise (logs, pipes, CI), so
// scripted runs see exactly the messages they saw before.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdio>

#include <fmt/format.h>

namespace kabar {

class ProgressLine {
 public:
  ProgressLine() : enabled_(isatty(STDERR_FILENO) == 1), start_(std::chrono::steady_clock::now()) {}
  ~ProgressLine() { clear(); }

  bool enabled() const { return enabled_; }
  void input(uint64_t done, uint64_t total) {
    done_ = done;
    total_ = total;
    draw(false);
  }
  void coded(uint64_t text_bytes) {
    ++articles_;
    text_bytes_ += text_bytes;
    draw(false);
  }
  // Erases the line (before a message, and at the end).
  void clear() {
    if (enabled_ && shown_) {
      std::fputs("\r\033[K", stderr);
      std::fflush(stderr);
      shown_ = false;
    }
  }

 private:
  void draw(bool force) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double s = std::chrono::duration<double>(now - start_).count();
    std::string line = fmt::format("kabar: {} articles, {:.0f}/s, {:.1f} MB/s", articles_, s > 0 ? articles_ / s : 0.0,
                                   s > 0 ? text_bytes_ / 1e6 / s : 0.0);
    if (total_ > 0) {
      const double f = static_cast<double>(done_) / static_cast<double>(total_);
      const int width = 24, filled = static_cast<int>(f * width);
      std::string bar(static_cast<size_t>(filled), '=');
      bar.resize(width, ' ');
      const double eta = f > 0.001 ? s * (1.0 - f) / f : 0.0;
      line = fmt::format("[{}] {:3.0f}% ", bar, f * 100) + line +
             fmt::format(", ETA {}:{:02d}", static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
    }
    fmt::print(stderr, "\r\033[K{}", line);
    std::fflush(stderr);
    shown_ = true;
  }

  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_, last_{};
  uint64_t done_ = 0, total_ = 0, articles_ = 0, text_bytes_ = 0;
};

}  // namespace kabar
