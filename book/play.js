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
  var KINDS = [null, "lock", "condvar", "barrier", "channel"];
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
      on: KINDS[r[3]] ? { kind: KINDS[r[3]], name: this.text(r[4]) } : null,
      at: r[5] ? this.text(r[5]) : null,
      code: r[6] ? this.text(r[6]) : null,
      next: this.text(r[7]),
      did: this.did(r[8]),
    };
  };
  Game.prototype.frame = function (node) {
    var self = this;
    var f = this.e.frames[this.e.nodes[node][0]];
    var situation = this.e.situations[f[2]];
    return {
      moves: f[0],
      lanes: f[1].map(function (l) {
        return self.lane(l);
      }),
      state: situation[0].map(function (p) {
        return [self.text(p[0]), self.text(p[1])];
      }),
      locks: situation[1].map(function (row) {
        var holders = row.slice(2).map(function (t) {
          return self.text(t);
        });
        return { name: self.text(row[0]), kind: row[1], holders: holders };
      }),
    };
  };
  // A node is [frame, next] or [frame, next, end].
  Game.prototype.end = function (node) {
    var end = this.e.nodes[node][2];
    if (!end) return null;
    return { won: end[0] === 0, failed: end[0] === 2, words: this.text(end[1]) };
  };
  // Where lane m's move leads: a node, -1 (it cannot move), -2 (past the schedules the data holds).
  Game.prototype.next = function (node, m) {
    var n = this.e.nodes[node][1][m - 1];
    return n === undefined ? -1 : n;
  };
  // The frame of a node as the protocol writes a `Frame` (play/proto/src/words.rs): the browser
  // test compares it with the engine's reader, node by node.
  Game.prototype.protocolFrame = function (node) {
    var f = this.frame(node);
    return {
      moves: f.moves,
      lanes: f.lanes.map(function (l) {
        var status = l.status;
        if (status === "blocked") {
          var blocked = { why: l.why };
          if (l.on) blocked.on = l.on;
          status = { blocked: blocked };
        }
        var lane = { name: l.name, status: status };
        if (l.at !== null) lane.at = l.at;
        if (l.code !== null) lane.code = l.code;
        lane.next = l.next;
        lane.did = l.did.map(function (d) {
          return d.log ? { log: d.words } : { step: d.words };
        });
        return lane;
      }),
      state: f.state,
      locks: f.locks.map(function (lock) {
        var held = lock.kind === 0 ? "free" : lock.kind === 1 ? { by: lock.holders[0] } : { reading: lock.holders };
        return { name: lock.name, held: held };
      }),
    };
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
  function plain(s) {
    return String(s).split("`").join("");
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
  function stateWords(frame) {
    var parts = frame.state.map(function (p) {
      return p[0] + ": " + p[1];
    });
    frame.locks.forEach(function (lock) {
      var h = holder(lock);
      parts.push(lock.name + ": " + (h ? "held by " + h : "free"));
    });
    return parts.join(" · ");
  }
  function preemptions(k) {
    return k + (k === 1 ? " preemption" : " preemptions");
  }
  // What a preemption is (xtask/src/cmd/play/verdict.rs's PREEMPTION).
  var PREEMPTION = "a preemption: the model switches away from a thread that could go on, or lets " +
    "a thread that has just given way with `yield_now` go on while another could run";

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

  // The schedule as the course's timeline on an axis of moves (xtask/timeline/src/game.rs):
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
    this.shownEnd = -1;
    this.build();
    this.render();
  }

  Player.prototype.build = function () {
    var self = this;
    var r = this.root;
    r.textContent = "";
    r.id = "play-" + this.id;
    r.setAttribute("role", "group");
    r.setAttribute("aria-label", "The game " + this.id + ": " + plain(this.level.title));
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
    this.hintBox = el("p", "play-hint");
    r.appendChild(this.hintBox);
    // What each key did, said once each time (a new node in the region, even for the same
    // words): a move and the state after it, a refusal, the end.
    this.said = el("div", "play-message");
    this.said.setAttribute("role", "status");
    this.said.setAttribute("aria-live", "polite");
    r.appendChild(this.said);
    // The end, its timeline and the verdict: not read aloud as it is drawn (the message says
    // how the game ended).
    this.ending = el("div", "play-end");
    r.appendChild(this.ending);
    var often = el("div", "play-often");
    para(often, null, this.game.data.often);
    para(often, null, this.game.data.run);
    var k = this.game.e.preemptions;
    para(often, "play-set", k === null || k === undefined
      ? "This page holds every schedule of these threads."
      : "This page holds every schedule of these threads with at most " + preemptions(k) + " (" +
        PREEMPTION + "): a move that would be one more says so. In a clone of the course, the " +
        "terminal plays every schedule: `" + command(this.id, []) + "`.");
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

  // Say `text` in the status region: a new node each time, so that the same words said again
  // are announced again.
  Player.prototype.say = function (text) {
    var p = rich(el("p"), text);
    this.said.replaceChildren(p);
  };

  // A key or a control: true when it was the player's.
  Player.prototype.key = function (k) {
    if (k === "u") {
      if (this.moves.length) {
        this.moves.pop();
        this.nodes.pop();
        this.say("Undone: back to move " + this.moves.length + ". State: " + stateWords(this.game.frame(this.node())));
      } else {
        this.say("Nothing to undo: this is the start.");
      }
    } else if (k === "r") {
      this.moves = [];
      this.nodes = [0];
      this.say("Restarted: move 0. State: " + stateWords(this.game.frame(0)));
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
      this.say("The game is over: u undoes a move, r restarts.");
      return;
    }
    var next = this.game.next(node, m);
    if (next === -1) {
      this.say(capital(refusal(frame, m)) + ".");
    } else if (next === -2) {
      var moves = this.moves.concat([m]);
      var k = this.game.e.preemptions;
      this.say("Move " + moves.length + " would be one preemption more than the " + preemptions(k) +
        " this page holds: choose another thread, or play on in a clone of the course: `" +
        command(this.id, moves) + "`");
    } else {
      var lane = frame.lanes[m - 1];
      this.moves.push(m);
      this.nodes.push(next);
      var after = this.game.frame(next);
      var deeds = after.lanes[m - 1].did.slice(lane.did.length).map(function (d) {
        return d.log ? "logged \u201c" + d.words + "\u201d" : d.words;
      });
      var did = deeds.length ? deeds.join(", then ") : lane.next;
      var said = "Move " + this.moves.length + ": " + lane.name + " " + did + ".";
      var state = stateWords(after);
      if (state) said += " State: " + state + ".";
      var end = this.game.end(next);
      if (end) said += " " + this.endWords(end);
      this.say(said);
    }
  };

  // How the game ended, in a sentence (the end box shows the rest).
  Player.prototype.endWords = function (end) {
    if (end.won) return "Goal reached. " + end.words;
    if (end.failed) return (this.level.fixed ? "The claim is broken: " : "The program failed: ") + end.words + ".";
    // On a fix, not reaching the goal is the point: said so, not as a loss.
    if (this.level.fixed) {
      return "This schedule did not break the fix: " + end.words + ". On a fix, that is the " +
        "point; the model's search below says whether any schedule breaks it.";
    }
    return "Not this time: " + end.words + ".";
  };

  // The buttons, a thread each (its number is its key), made once and kept: a button that had
  // the focus keeps it after its move.
  Player.prototype.threadButtons = function (frame) {
    var self = this;
    if (this.buttons.children.length !== frame.lanes.length) {
      this.buttons.textContent = "";
      frame.lanes.forEach(function (lane, i) {
        var m = i + 1;
        var b = el("button", "play-thread");
        b.type = "button";
        b.setAttribute("aria-keyshortcuts", String(m));
        b.setAttribute("data-lane", String(m));
        b.addEventListener("click", function () {
          self.key(String(m));
        });
        self.buttons.appendChild(b);
      });
    }
    return this.buttons.children;
  };

  Player.prototype.render = function () {
    var self = this;
    var node = this.node();
    var frame = this.game.frame(node);
    var end = this.game.end(node);
    rich(this.head, this.id + " · " + this.level.title + " · move " + frame.moves);
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
    var state = stateWords(frame);
    this.state.textContent = state ? "State: " + state : "";
    var buttons = this.threadButtons(frame);
    frame.lanes.forEach(function (lane, i) {
      var m = i + 1;
      var b = buttons[i];
      b.textContent = m + " · " + lane.name;
      var can = !end && canRun(lane);
      b.setAttribute("aria-label", "Step " + lane.name + " (key " + m + ")" + (can ? "" : ": " + (end ? "the game is over" : statusWords(lane))));
      b.className = can ? "play-thread" : "play-thread play-cannot";
    });
    var hint = "";
    if (this.hint && !end) {
      hint = "Hint: " + this.level.hint + (this.level.note && !this.level.fixed ? " Note: " + this.level.note : "");
    }
    rich(this.hintBox, hint);
    if (this.shownEnd !== node) {
      this.shownEnd = node;
      this.renderEnd(end);
    }
  };

  Player.prototype.renderEnd = function (end) {
    var box = this.ending;
    box.textContent = "";
    box.className = "play-end";
    if (!end) return;
    var level = this.level;
    if (end.won) {
      box.className += " play-won";
      para(box, "play-result", this.endWords(end));
      commandLine(box, "Play it again in a clone of the course:", command(this.id, this.moves));
      var t = timeline(this.game, this.id, this.nodes, this.moves);
      para(box, "play-timeline-head", t.head);
      // The timeline keeps its columns: its box scrolls sideways when it is wider than the
      // page, says so, and takes the focus so that the keys scroll it too.
      var pre = el("pre", "play-timeline", t.text);
      pre.setAttribute("role", "region");
      pre.setAttribute("aria-label", t.head + " (a drawing in text; it scrolls sideways)");
      pre.tabIndex = 0;
      box.appendChild(pre);
      para(box, "play-scrolls", "The timeline is wider than the page: scroll it sideways to see all " +
        this.moves.length + " moves.");
      scrollsSaid();
      para(box, "play-legend", t.legend);
      keepWon(this.id, this.moves.join(" "));
    } else if (end.failed) {
      // A thread panicked, or a deadlock the level does not expect: a fix's claim is broken.
      box.className += " play-ended";
      para(box, "play-result", this.endWords(end));
      commandLine(box, "Play it again in a clone of the course:", command(this.id, this.moves));
    } else {
      box.className += " play-ended";
      para(box, "play-result", this.endWords(end));
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

  // Each timeline that is wider than its box says that it scrolls; the others do not.
  function scrollsSaid() {
    document.querySelectorAll(".play-won").forEach(function (box) {
      var pre = box.querySelector(".play-timeline");
      var note = box.querySelector(".play-scrolls");
      if (pre && note) note.hidden = pre.scrollWidth <= pre.clientWidth;
    });
  }
  window.addEventListener("resize", scrollsSaid);

  // The way in from the keyboard: a link, first on the page, that takes the focus to the game.
  function skipLink(first) {
    var a = el("a", "play-skip", "Skip to the game");
    a.href = "#" + first.id;
    a.addEventListener("click", function (ev) {
      ev.preventDefault();
      first.scrollIntoView();
      first.focus();
    });
    document.body.insertBefore(a, document.body.firstChild);
  }

  // For the browser test (xtask/tests/book/play_page.rs): each node's frame as this page reads
  // it, in the protocol's words, to hold against the engine's reader.
  var games = {};
  window.COURSE_PLAY_TEST = {
    frame: function (id, node) {
      return JSON.stringify(games[id].protocolFrame(node));
    },
    // FNV-1a of each node's frame as `frame` writes it, over its UTF-16 code units.
    hashes: function (id) {
      var g = games[id];
      var out = [];
      for (var n = 0; n < g.e.nodes.length; n++) {
        var s = JSON.stringify(g.protocolFrame(n));
        var h = 0x811c9dc5;
        for (var i = 0; i < s.length; i++) {
          h ^= s.charCodeAt(i);
          h = Math.imul(h, 0x01000193) >>> 0;
        }
        out.push(h);
      }
      return out;
    },
  };

  function start() {
    var data = window.COURSE_PLAY || {};
    var first = null;
    document.querySelectorAll(".play[data-level]").forEach(function (root) {
      var id = root.getAttribute("data-level");
      if (data[id]) {
        var p = new Player(root, id, data[id]);
        games[id] = p.game;
        first = first || root;
      } else {
        root.textContent = "The game of " + id + " is not in this build of the book (cargo xtask " +
          "book exports it). In a clone of the course: " + command(id, []) + ".";
      }
    });
    if (first) skipLink(first);
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
