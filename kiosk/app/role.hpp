// One role of shubbak-kiosk behind one small interface: the visitor's kiosk, the staff console, the hall's display,
// or the out-of-service screen of one of them. KioskApp runs the loop and calls these; it never asks which role.
#pragma once
#include <memory>
#include <string>

#include "kiosk/ui/kit.hpp"

namespace shubbak::app {

class Role {
 public:
  virtual ~Role() = default;
  // The screen, drawn for this frame; what was tapped is remembered for act().
  virtual void draw(ui::Ui& ui) = 0;
  // Carries out what the last frame's taps asked for (after the frame is shown).
  virtual void act() = 0;
  // A finger touched the screen: someone is still there.
  virtual void touch() = 0;
  // Looks at what other processes wrote (cheap when nothing changed); true when the screen must be redrawn.
  virtual bool poll() { return false; }
  // The role's timer (idle sign-out, countdowns, announcements); true when the screen must be redrawn.
  virtual bool tick() { return false; }
  // Whether tick() must run while nobody touches the screen, and how often.
  virtual bool timers_active() const { return true; }
  virtual int tick_ms() const = 0;
  // The language the screen is in, and its name for the automation script and the audit.
  virtual std::string lang() const = 0;
  virtual std::string screen_name() const = 0;
  // True when a new catalogue may replace the one in use now (never under a visitor's finger).
  virtual bool catalogue_may_change() const { return true; }
  // A role that gives way to another (out of service -> back in service) returns it here, once.
  virtual std::unique_ptr<Role> successor() { return nullptr; }
};

}  // namespace shubbak::app
