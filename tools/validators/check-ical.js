// Parses each .ics file given on the command line with Mozilla's ical.js and
// with node-ical, and prints one JSON object per file: the number of VEVENTs
// each parser found, their UIDs, and any error (tests/feeds/test_validators.py).
"use strict";
const fs = require("fs");
const ICAL = require("ical.js");
const nodeIcal = require("node-ical");

const results = {};
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  const result = { icaljs: null, nodeical: null, errors: [] };
  try {
    const calendar = new ICAL.Component(ICAL.parse(text));
    const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    for (const event of events) {
      if (!event.uid || !event.startDate || !event.summary) {
        result.errors.push(`ical.js: incomplete VEVENT ${event.uid}`);
      }
      // Resolving the time zone proves the VTIMEZONE is usable.
      event.startDate.toJSDate();
    }
    result.icaljs = events.map((e) => e.uid);
  } catch (error) {
    result.errors.push(`ical.js: ${error.message}`);
  }
  try {
    const parsed = nodeIcal.sync.parseICS(text);
    result.nodeical = Object.values(parsed)
      .filter((c) => c.type === "VEVENT")
      .map((c) => c.uid);
  } catch (error) {
    result.errors.push(`node-ical: ${error.message}`);
  }
  results[file] = result;
}
process.stdout.write(JSON.stringify(results));
