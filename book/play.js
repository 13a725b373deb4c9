// The book's player of `cargo xtask play`: each `<div class="play" data-level="ID">` of a chapter
// page becomes the level's game, played from the data `cargo xtask book` exported from the play
// engine (`play/ID.js`, which sets `COURSE_PLAY[ID]`). Plain script, nothing fetched: it works
// from file:// and from any static host. The frames are read as `playproto::export::Export`
// reads them (play/proto/src/export.rs); the words a move, a refusal or an end says are the
// terminal game's (xtask/src/cmd/play/).
"use strict";
(function () {
  var STORE = "course-play-won";

  // ---- progress: the levels won, kept in this browser ----
  function wonLevels() {
    try {
      return JSON.parse(window.localStorage.getItem(STORE) || "{}") || {};
    } catch (e) {
      return {};
    }
  }
  function keepWon(id, moves) {
    var won = wonLevels();
    won[id] = moves;
    try {
      window.localStorage.setItem(STORE, JSON.stringify(won));
    } catch (e) {
      // A browser that keeps nothing (private mode): the game still plays.
    }
    showMarks();
  }
  function showMarks() {
    var won = wonLevels();
    document.querySelectorAll(".play-mark").forEach(function (mark) {
      var id = mark.getAttribute("data-level");
      mark.textContent = won[id] ? "won" : "";
      mark.className = won[id] ? "play-mark won" : "play-mark";
    });
    document.querySelectorAll(".play-clear").forEach(function (b) {
      b.disabled = Object.keys(won).length === 0;
    });
  }

  // ---- the data: an export, read back ----
  function Game(data) {
    this.data = data;
    this.e = data.game;
  }
  Game.prototype.text = function (n) {
    return this.e.text[n] || "";
  };
  Game.prototype.did = function (list) {
    var out = [];
    while (list) {
      var row = this.e.dids[list];
      out.push({ log: row[2] === 1, words: this.text(row[1]) });
      list = row[0];
    }
    return out.reverse();
  };
  Game.prototype.lane = function (n) {
    var r = this.e.lanes[n];
    var status = ["not-started", "can-run", "blocked", "finished"][r[1]];
    return {
      name: this.text(r[0]),
      status: status,
      why: this.text(r[2]),
      at: r[5] ? this.text(r[5]) : null,
      code: r[6] ? this.text(r[6]) : null,
      next: this.text(r[7]),
      did: this.did(r[8]),
    };
  };
  Game.prototype.frame = function (node) {
    var self = this;
    var f = this.e.frames[this.e.nodes[node][0]];
    return {
      moves: f[0],
      lanes: f[1].map(function (l) {
        return self.lane(l);
      }),
      state: f[2].map(function (p) {
        return [self.text(p[0]), self.text(p[1])];
      }),
      locks: f[3].map(function (row) {
        var holders = row.slice(2).map(function (t) {
          return self.text(t);
        });
        return { name: self.text(row[0]), kind: row[1], holders: holders };
      }),
    };
  };
  Game.prototype.end = function (node) {
    var end = this.e.nodes[node][1];
    if (!end) return null;
    return { won: end[0] === 0, failed: end[0] === 2, words: this.text(end[1]) };
  };
  // Where lane m's move leads: a node, -1 (it cannot move), -2 (past what the data holds).
  Game.prototype.next = function (node, m) {
    var n = this.e.nodes[node][2][m - 1];
    return n === undefined ? -1 : n;
  };

  // ---- words, as the terminal game says them ----
  function canRun(lane) {
    return lane.status === "can-run" || lane.status === "not-started";
  }
  function statusWords(lane) {
    return {
      "not-started": "not started",
      "can-run": "can run",
      blocked: lane.why,
      finished: "finished",
    }[lane.status];
  }
  function holder(lock) {
    if (lock.kind === 0) return null;
    if (lock.kind === 1) return lock.holders[0];
    return lock.holders.join(" and ") + " (reading)";
  }
  function capital(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
  }
  function refusal(frame, m) {
    var l = frame.lanes[m - 1];
    if (!l) return "there is no thread " + m;
    if (l.status === "finished") return l.name + " (key " + m + ") has finished";
    return l.name + " (key " + m + ") cannot run now: " + l.why;
  }
  function command(id, moves) {
    return "cargo xtask play " + id + (moves.length ? ' --moves "' + moves.join(" ") + '"' : "");
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  // Text with `code` in backticks, as the lessons write it: the code set as code.
  function rich(e, text) {
    e.textContent = "";
    String(text).split("`").forEach(function (part, i) {
      if (part) e.appendChild(i % 2 ? el("code", null, part) : document.createTextNode(part));
    });
    return e;
  }
  function para(parent, cls, text) {
    var p = rich(el("p", cls), text);
    parent.appendChild(p);
    return p;
  }
  function commandLine(parent, label, text) {
    var p = el("p", "play-command");
    p.appendChild(document.createTextNode(label + " "));
    p.appendChild(el("code", null, text));
    parent.appendChild(p);
  }

  // The schedule as the course's timeline on an axis of moves (xtask/src/cmd/play/timeline.rs):
  // a lane a thread, three columns a move.
  function timeline(game, id, nodes, moves) {
    var frames = nodes.map(function (n) {
      return game.frame(n);
    });
    var names = frames[0].lanes.map(function (l) {
      return l.name;
    });
    var width = Math.max.apply(null, names.map(function (n) { return n.length; })) + 1;
    var pad = function (s, w) {
      while (s.length < w) s += " ";
      return s;
    };
    var axis = pad("move", width);
    var rule = pad("", width);
    for (var k = 1; k <= moves.length; k++) {
      axis += pad(" " + k, 3);
      rule += "+--";
    }
    axis += " end";
    rule += "+--";
    var last = frames[frames.length - 1];
    var deadlock = last.lanes.every(function (l) {
      return l.status === "blocked" || l.status === "finished";
    }) && last.lanes.some(function (l) { return l.status === "blocked"; });
    var rows = names.map(function (name, i) {
      var row = pad(name, width);
      var cell = function (f, k) {
        var lane = f.lanes[i];
        if (!lane) return " ";
        if (k < moves.length && moves[k] === i + 1) return "*";
        if (lane.status === "blocked") return deadlock && k >= moves.length ? "X" : "?";
        var holds = f.locks.some(function (lock) {
          return lock.holders.indexOf(name) >= 0;
        });
        if (holds) return "#";
        if (canRun(lane)) return "=";
        return " ";
      };
      for (var k = 0; k <= moves.length; k++) {
        var c = cell(frames[k], k);
        row += c + c + c;
      }
      return row;
    });
    var head = id + ", the schedule played: " + names.length + " threads over " + moves.length +
      " moves; a move is one scheduling point, not a length of time";
    var legend = "* took the move (the thread chosen) · = could run, not chosen · # held a lock" +
      " · ? waited" + (deadlock ? " · X deadlocked: every thread waits for another" : "");
    return { head: head, text: [axis, rule].concat(rows).join("\n"), legend: legend };
  }

  // ---- a player ----
  function Player(root, id, data) {
    this.root = root;
    this.id = id;
    this.game = new Game(data);
    this.level = data.game.level;
    this.moves = [];
    this.nodes = [0];
    this.hint = false;
    this.message = "";
    this.build();
    this.render();
  }

  Player.prototype.build = function () {
    var self = this;
    var r = this.root;
    r.textContent = "";
    r.setAttribute("role", "group");
    r.setAttribute("aria-label", "The game " + this.id + ": " + this.level.title);
    this.head = el("p", "play-head");
    r.appendChild(this.head);
    para(r, "play-goal", "Goal: " + this.level.goal);
    this.lanes = el("ol", "play-lanes");
    r.appendChild(this.lanes);
    this.state = para(r, "play-state", "");
    this.buttons = el("div", "play-buttons");
    r.appendChild(this.buttons);
    var controls = el("div", "play-controls");
    [["u", "Undo", "undo"], ["r", "Restart", "restart"], ["h", "Hint", "hint"]].forEach(function (c) {
      var b = el("button", "play-control", c[1] + " (" + c[0] + ")");
      b.type = "button";
      b.setAttribute("aria-keyshortcuts", c[0]);
      b.addEventListener("click", function () {
        self.key(c[0]);
      });
      controls.appendChild(b);
    });
    r.appendChild(controls);
    this.said = el("div", "play-message");
    this.said.setAttribute("role", "status");
    this.said.setAttribute("aria-live", "polite");
    r.appendChild(this.said);
    this.ending = el("div", "play-end");
    this.ending.setAttribute("aria-live", "polite");
    r.appendChild(this.ending);
    var often = el("div", "play-often");
    para(often, null, this.game.data.often);
    para(often, null, this.game.data.run);
    if (!this.game.e.complete) {
      para(often, "play-cut", "This page holds the first " + this.game.e.nodes.length.toLocaleString("en") +
        " positions of this game, which has more than a page keeps: a move past them says so. " +
        "In a clone of the course, the terminal plays it whole: " + command(this.id, []) + ".");
    }
    r.appendChild(often);
    r.tabIndex = 0;
    r.addEventListener("keydown", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (self.key(ev.key)) ev.preventDefault();
    });
  };

  Player.prototype.node = function () {
    return this.nodes[this.nodes.length - 1];
  };

  // A key or a control: true when it was the player's.
  Player.prototype.key = function (k) {
    if (k === "u") {
      if (this.moves.length) {
        this.moves.pop();
        this.nodes.pop();
      }
      this.message = "";
    } else if (k === "r") {
      this.moves = [];
      this.nodes = [0];
      this.message = "";
    } else if (k === "h") {
      this.hint = !this.hint;
    } else if (/^[1-9]$/.test(k)) {
      this.step(parseInt(k, 10));
    } else {
      return false;
    }
    this.render();
    return true;
  };

  Player.prototype.step = function (m) {
    var node = this.node();
    var frame = this.game.frame(node);
    if (this.game.end(node)) {
      this.message = "The game is over: u undoes a move, r restarts.";
      return;
    }
    var next = this.game.next(node, m);
    if (next === -1) {
      this.message = capital(refusal(frame, m)) + ".";
    } else if (next === -2) {
      var moves = this.moves.concat([m]);
      this.message = "Move " + moves.length + " leads past the positions this page holds (the " +
        "game has more than a page keeps). Choose another thread, or play on in a clone of the " +
        "course: " + command(this.id, moves);
    } else {
      this.moves.push(m);
      this.nodes.push(next);
      this.message = "";
    }
  };

  Player.prototype.render = function () {
    var self = this;
    var node = this.node();
    var frame = this.game.frame(node);
    var end = this.game.end(node);
    this.head.textContent = this.id + " · " + this.level.title + " · move " + frame.moves;
    this.lanes.textContent = "";
    frame.lanes.forEach(function (lane, i) {
      var li = el("li", "play-lane play-" + lane.status);
      li.appendChild(el("p", "play-lane-head", "[" + (i + 1) + "] " + lane.name + " · " + statusWords(lane)));
      if (lane.status === "not-started") {
        li.appendChild(el("p", "play-next", "next  " + lane.next));
      } else if (lane.at) {
        var at = lane.at.replace(/^chapters\//, "");
        li.appendChild(el("p", "play-next", "next  " + at + "  " + lane.next));
        if (lane.code) li.appendChild(el("pre", "play-code", lane.code));
      }
      if (lane.did.length) {
        var deeds = lane.did.map(function (d) {
          return d.log ? "\u201c" + d.words + "\u201d" : d.words;
        });
        // Oldest first, each step after an arrow, as the terminal shows them.
        var shown = deeds.slice(-4);
        li.appendChild(el("p", "play-did", "did   " + (deeds.length > 4 ? "\u2026 \u2192 " : "") + shown.join(" \u2192 ")));
      }
      self.lanes.appendChild(li);
    });
    var parts = frame.state.map(function (p) {
      return p[0] + ": " + p[1];
    });
    frame.locks.forEach(function (lock) {
      var h = holder(lock);
      parts.push(lock.name + ": " + (h ? "held by " + h : "free"));
    });
    this.state.textContent = parts.length ? "State: " + parts.join(" · ") : "";
    // A button a thread: its number is its key.
    this.buttons.textContent = "";
    frame.lanes.forEach(function (lane, i) {
      var m = i + 1;
      var b = el("button", "play-thread", m + " · " + lane.name);
      b.type = "button";
      b.setAttribute("aria-keyshortcuts", String(m));
      b.setAttribute("data-lane", String(m));
      var can = !end && canRun(lane);
      b.setAttribute("aria-label", "Step " + lane.name + " (key " + m + ")" + (can ? "" : ": " + (end ? "the game is over" : statusWords(lane))));
      if (!can) b.className += " play-cannot";
      b.addEventListener("click", function () {
        self.key(String(m));
      });
      self.buttons.appendChild(b);
    });
    var said = this.message;
    if (this.hint && !end) {
      said = "Hint: " + this.level.hint + (this.level.note && !this.level.fixed ? " Note: " + this.level.note : "") +
        (said ? " " + said : "");
    }
    rich(this.said, said);
    this.renderEnd(end);
  };

  Player.prototype.renderEnd = function (end) {
    var box = this.ending;
    box.textContent = "";
    box.className = "play-end";
    if (!end) return;
    var level = this.level;
    if (end.won) {
      box.className += " play-won";
      para(box, "play-result", "Goal reached. " + end.words);
      commandLine(box, "Play it again in a clone of the course:", command(this.id, this.moves));
      var t = timeline(this.game, this.id, this.nodes, this.moves);
      para(box, "play-timeline-head", t.head);
      var pre = el("pre", "play-timeline", t.text);
      pre.setAttribute("aria-label", t.head);
      box.appendChild(pre);
      para(box, "play-legend", t.legend);
      keepWon(this.id, this.moves.join(" "));
    } else if (end.failed) {
      // A thread panicked, or a deadlock the level does not expect: a fix's claim is broken.
      box.className += " play-ended";
      para(box, "play-result", (level.fixed ? "The claim is broken: " : "The program failed: ") + end.words + ".");
      commandLine(box, "Play it again in a clone of the course:", command(this.id, this.moves));
    } else {
      box.className += " play-ended";
      para(box, "play-result", "Not this time: " + end.words + ".");
      if (level.fixed) {
        this.game.data.verdict.forEach(function (p) {
          para(box, "play-verdict", p);
        });
      } else {
        para(box, null, "Hint: " + level.hint);
        if (level.note) para(box, null, "Note: " + level.note);
      }
      commandLine(box, "Play it again in a clone of the course:", command(this.id, this.moves));
    }
  };

  function start() {
    var games = window.COURSE_PLAY || {};
    document.querySelectorAll(".play[data-level]").forEach(function (root) {
      var id = root.getAttribute("data-level");
      if (games[id]) {
        new Player(root, id, games[id]);
      } else {
        root.textContent = "The game of " + id + " is not in this build of the book (cargo xtask " +
          "book exports it). In a clone of the course: " + command(id, []) + ".";
      }
    });
    document.querySelectorAll(".play-clear").forEach(function (b) {
      b.addEventListener("click", function () {
        try {
          window.localStorage.removeItem(STORE);
        } catch (e) {
          // Nothing kept: nothing to clear.
        }
        showMarks();
      });
    });
    showMarks();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
