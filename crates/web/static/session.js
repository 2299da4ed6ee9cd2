/* Session player for /session. The server renders a plain checklist that works
   without JavaScript; this script turns it into one exercise at a time, with a
   hold timer or a repetition counter and optional spoken or vibrating cues.
   CSP forbids inline styles, so everything visual is done with classes and
   the hidden attribute. */
(() => {
  'use strict';

  const form = document.getElementById('session-form');
  const list = form && form.querySelector('ol.session');
  const items = list ? Array.from(list.querySelectorAll('li.exercise')) : [];
  if (!items.length) return;

  // The server translates; English fallbacks only guard against a missing attribute.
  const data = form.dataset;
  const text = (key, fallback) => data[key] || fallback;
  const T = {
    progress: text('tProgress', 'Exercise {n} of {total}'),
    next: text('tNext', 'Next exercise'),
    back: text('tBack', 'Previous exercise'),
    start: text('tStart', 'Start'),
    pause: text('tPause', 'Pause'),
    resume: text('tResume', 'Go on'),
    hold: text('tHold', 'Hold'),
    rest: text('tRest', 'Rest'),
    go: text('tGo', 'Go'),
    count: text('tCount', 'Count a repetition'),
    rep: text('tRep', 'Repetition {rep} of {reps}'),
    set: text('tSet', 'Set {set} of {sets}'),
    left: text('tLeft', 'Left side'),
    right: text('tRight', 'Right side'),
    finished: text('tFinished', 'Ticked as done.'),
    speak: text('tSpeak', 'Say the numbers out loud'),
  };
  const REST_BETWEEN_REPS = 3;
  const REST_BETWEEN_RUNS = 20; // between sets and between sides
  const SPEAK_KEY = 'backcare-speak';

  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));

  const el = (tag, className, content) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (content) node.textContent = content;
    return node;
  };
  const button = (className, label) => {
    const node = el('button', className, label);
    node.type = 'button';
    return node;
  };

  // Numbers come from markup; a bad one may cost the timer, never the page.
  // The caps keep a typo like reps="8000" from building a huge plan.
  const num = (value, max) => {
    const n = Number(value);
    return value && Number.isFinite(n) && n > 0 ? Math.min(n, max) : 0;
  };

  // Cues are a nicety: any failure (no permission, no voice) is swallowed.
  const quietly = (fn) => {
    try { fn(); } catch (e) { /* ignore */ }
  };
  const canSpeak = 'speechSynthesis' in window && typeof window.SpeechSynthesisUtterance === 'function';
  let speakBox = null;
  const say = (words) => {
    if (!speakBox || !speakBox.checked) return;
    quietly(() => {
      // Cancel first so a late word never lags behind the phase on screen.
      window.speechSynthesis.cancel();
      const utterance = new window.SpeechSynthesisUtterance(words);
      if (data.lang) utterance.lang = data.lang;
      window.speechSynthesis.speak(utterance);
    });
  };
  const buzz = (pattern) => {
    if (typeof navigator.vibrate === 'function') quietly(() => navigator.vibrate(pattern));
  };
  const cue = (kind, words) => {
    buzz(kind === 'rest' ? [100, 60, 100] : 200);
    say(words);
  };

  form.classList.add('js-player');

  const bar = el('div', 'player-bar');
  const progress = el('p', 'player-progress');
  progress.setAttribute('aria-live', 'polite');
  bar.append(progress);
  if (canSpeak) {
    const option = el('div', 'option');
    speakBox = document.createElement('input');
    speakBox.type = 'checkbox';
    speakBox.id = 'player-speak'; // no name: it is a preference, not part of the record
    const label = el('label', '', T.speak);
    label.htmlFor = 'player-speak';
    option.append(speakBox, label);
    bar.append(option);
    // localStorage throws in some private modes and when storage is blocked.
    quietly(() => { speakBox.checked = window.localStorage.getItem(SPEAK_KEY) === '1'; });
    speakBox.addEventListener('change', () => {
      quietly(() => window.localStorage.setItem(SPEAK_KEY, speakBox.checked ? '1' : '0'));
      if (!speakBox.checked) quietly(() => window.speechSynthesis.cancel());
    });
  }
  list.before(bar);

  function setUp(li) {
    const d = li.dataset;
    const sets = Math.floor(num(d.sets, 20)) || 1;
    const reps = Math.floor(num(d.reps, 200));
    const hold = num(d.hold, 600);
    const minutes = num(d.minutes, 240);
    const sides = d.sides === '2' ? 2 : 1;
    const timed = hold > 0 || minutes > 0;
    if (!timed && !reps) return null; // nothing to time or count: leave a plain card

    // A minutes activity is one stretch per set, whatever reps says.
    const perRun = hold ? reps || 1 : minutes ? 1 : reps;
    const showReps = reps > 0 && !(minutes && !hold);
    const positions = [];
    for (let set = 1; set <= sets; set++) {
      for (let side = 1; side <= sides; side++) {
        for (let rep = 1; rep <= perRun; rep++) positions.push({ set, side, rep });
      }
    }
    const describe = (pos) => {
      const parts = [fill(T.set, { set: pos.set, sets })];
      if (showReps) parts.push(fill(T.rep, { rep: pos.rep, reps: perRun }));
      if (sides === 2) parts.push(pos.side === 1 ? T.left : T.right);
      return parts.join(' \u00b7 '); // escaped: safe whatever charset the script is decoded with
    };
    const sameRun = (a, b) => a.set === b.set && a.side === b.side;

    const box = el('div', 'player');
    const phase = el('p', 'player-phase');
    phase.setAttribute('aria-live', 'assertive');
    const clock = el('p', 'player-clock');
    clock.setAttribute('aria-hidden', 'true'); // the phase is announced; every second would be noise
    const where = el('p', 'player-where', describe(positions[0]));
    box.append(phase, clock, where);
    // Without a figure, keep the heading first so focus lands before the controls.
    const anchor = li.querySelector('.figure') || li.querySelector('h2');
    if (anchor) anchor.after(box); else li.prepend(box);

    const finish = () => {
      const done = li.querySelector('input[name="done"]');
      if (done) {
        done.checked = true;
        done.dispatchEvent(new Event('change', { bubbles: true }));
      }
      phase.textContent = T.finished;
      clock.textContent = '';
      where.textContent = '';
      buzz(400);
      say(T.finished);
      // Legends cannot take focus; the radio group is the next thing to answer.
      const effort = li.querySelector('fieldset.effort');
      const radio = effort && (effort.querySelector('input[type="radio"]:checked')
        || effort.querySelector('input[type="radio"]'));
      if (radio) radio.focus();
    };

    if (!timed) {
      let count = 0;
      const counter = button('player-count', T.count);
      box.append(counter);
      counter.addEventListener('click', () => {
        // Extra taps after the last repetition are ignored: easy to make with a thumb.
        if (count >= positions.length) return;
        const pos = positions[count];
        count += 1;
        const next = positions[count];
        if (!next) { finish(); return; }
        // Rest is advice only: the person carries on counting when ready.
        const resting = !sameRun(pos, next);
        const word = resting ? T.rest : T.go;
        if (phase.textContent !== word) buzz(resting ? [100, 60, 100] : 200);
        phase.textContent = word;
        where.textContent = describe(next);
        say(resting ? `${pos.rep}. ${T.rest}` : String(pos.rep));
      });
      return { pause: () => {} };
    }

    const work = hold ? { kind: 'hold', word: T.hold, secs: hold } : { kind: 'go', word: T.go, secs: minutes * 60 };
    const steps = [];
    positions.forEach((pos, i) => {
      steps.push({ ...work, pos });
      const next = positions[i + 1];
      if (next) {
        const secs = sameRun(pos, next) ? REST_BETWEEN_REPS : REST_BETWEEN_RUNS;
        // A rest shows where the person goes next, so they can get ready.
        steps.push({ kind: 'rest', word: T.rest, secs, pos: next });
      }
    });

    const start = button('player-start', T.start);
    box.append(start);
    let step = -1;
    let endsAt = 0;
    let left = 0;
    let ticker = 0;

    const showClock = (ms) => { clock.textContent = String(Math.max(0, Math.ceil(ms / 1000))); };
    const enter = (i) => {
      step = i;
      const s = steps[i];
      endsAt = Date.now() + s.secs * 1000;
      phase.textContent = s.word;
      where.textContent = describe(s.pos);
      showClock(s.secs * 1000);
      cue(s.kind, s.word);
    };
    const halt = () => {
      clearInterval(ticker);
      ticker = 0;
    };
    // Wall-clock time, not tick counting: background tabs throttle intervals.
    const tick = () => {
      const remaining = endsAt - Date.now();
      if (remaining > 0) { showClock(remaining); return; }
      if (step + 1 < steps.length) { enter(step + 1); return; }
      halt();
      step = -1;
      start.textContent = T.start; // pressing again runs another round
      finish();
    };
    const pause = () => {
      if (!ticker) return;
      left = endsAt - Date.now();
      halt();
      start.textContent = T.resume;
    };
    start.addEventListener('click', () => {
      if (ticker) { pause(); return; }
      if (step < 0) enter(0); else endsAt = Date.now() + left;
      ticker = setInterval(tick, 250);
      start.textContent = T.pause;
    });
    return { pause };
  }

  const players = items.map((li) => {
    try { return setUp(li); } catch (e) { return null; } // one odd card must not stop the rest
  });

  const back = button('secondary', T.back);
  back.id = 'player-back';
  const next = button('', T.next);
  next.id = 'player-next';
  const nav = el('div', 'player-nav');
  nav.append(back, next);
  list.after(nav);

  let current = 0;
  const show = (i, moveFocus) => {
    const leaving = players[current];
    if (leaving) leaving.pause();
    current = i;
    items.forEach((li, j) => { li.hidden = j !== i; });
    back.hidden = i === 0;
    next.hidden = i === items.length - 1;
    progress.textContent = fill(T.progress, { n: i + 1, total: items.length });
    const heading = items[i].querySelector('h2');
    if (moveFocus && heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: 'start' });
    }
  };
  back.addEventListener('click', () => { if (current > 0) show(current - 1, true); });
  next.addEventListener('click', () => { if (current < items.length - 1) show(current + 1, true); });
  // No focus move on load: the person may be reading or filling pain_before first.
  show(0, false);
})();
