;; Lag-0 recursive ADF kernel (GSADF / BSADF over window starts s >= 1) in WebAssembly SIMD: two window starts
;; per f64x2 vector. Assembled by scripts/build-wasm.ts into lag0.generated.ts; loaded by index.ts.
;;
;; What it computes: the same as the start-s >= 1 loops of radfLag0Kernel in ../kernel-lag0.ts (read its header
;; first). Phillips, Shi & Yu (2015), eq. 3 with k = 0: for every window [s, e] the ADF statistic of
;; Δy_t = α + δ·y_{t−1} + ε_t, here as its signed square q = A·|A|·(T−2)/D from the running sums
;; S_x, S_xx, S_dd of x_t = y_{t−1} − y_s and Δy_t (z = y_e − y_s, T = e − s rows):
;;   A = (T/2)(z² − S_dd) − S_x·z,  B = T·S_xx − S_x²,  V = T·S_dd − z²,  D = B·V − A².
;; The maximum over starts is kept per end point (BSADF, PSY eq. 6; mode "bsadf": one f64 cell per end e at
;; cell + 8·(e − m)) or globally (GSADF, PSY eq. 5; mode "gsadf": a single f64 cell, stride 0). The cells hold
;; signed squares and must be seeded by the caller (with the BADF signed squares / the BADF maximum).
;;
;; Semantics are exactly the JS kernel's, window by window: every operation of a window is the same IEEE double
;; operation in the same order (no FMA), the pruning rule "A <= 0 and cur > 0 ⇒ skip", the comparison
;; A·|A|·(T−2) > cur·D without a division, the EPS degeneracy tests, and "NaN never replaces" ($visit below is a
;; line-by-line transcription). Only the order in which windows of different starts meet a cell changes (starts
;; s and s+1 take turns), which can change a maximum only when two candidates tie to the last bit.
;;
;; Why SIMD, and this loop shape: starts s and s+1 share one splat load of y[e] and one of Δy²[e] (precomputed once
;; per series, the JS kernel's d·d), x_{e+1} = z_e is carried instead of recomputed, and the three running sums and
;; A of both starts are one f64x2 each. The inner loop only decides "both windows pruned" (one vector compare; in
;; GSADF mode the cell stays in a register); otherwise it exits to the full vector test (B, V, D, the EPS tests,
;; A·|A|·(T−2) > cur·D), and only an interesting lane (rare: a new maximum, or a degenerate window) is visited in
;; scalar code. Keeping that code out of the inner loop (and calls out of both) keeps V8 from spilling the running
;; sums on every iteration; four starts per iteration (two vectors) measured slower for that reason. Starts are
;; taken from the last down (see lag0Starts). About 3× the JS kernel for GSADF, 2× for BSADF.
;; Complexity O(n²) time, O(n) extra memory.

(module
  (import "env" "memory" (memory 1))

  ;; Degenerate-window tolerance, as EPS in kernel-lag0.ts.
  (global $EPS f64 (f64.const 1e-12))

  ;; One window, scalar: returns the new cell value given the old one (transcription of the JS inner loop body).
  (func $visit (param $cur f64) (param $a f64) (param $sx f64) (param $sxx f64) (param $sdd f64) (param $z f64)
    (param $T f64) (result f64)
    (local $bx f64) (local $vy f64) (local $dd f64) (local $num f64)
    ;; if (a <= 0 && cur > 0) continue;
    (if (i32.and (f64.le (local.get $a) (f64.const 0)) (f64.gt (local.get $cur) (f64.const 0)))
      (then (return (local.get $cur))))
    (local.set $bx (f64.sub (f64.mul (local.get $T) (local.get $sxx)) (f64.mul (local.get $sx) (local.get $sx))))
    (local.set $vy (f64.sub (f64.mul (local.get $T) (local.get $sdd)) (f64.mul (local.get $z) (local.get $z))))
    (local.set $dd (f64.sub (f64.mul (local.get $bx) (local.get $vy)) (f64.mul (local.get $a) (local.get $a))))
    ;; if (dd > EPS * bx * vy && vy > EPS * T * sdd)
    (if (i32.and
          (f64.gt (local.get $dd) (f64.mul (f64.mul (global.get $EPS) (local.get $bx)) (local.get $vy)))
          (f64.gt (local.get $vy) (f64.mul (f64.mul (global.get $EPS) (local.get $T)) (local.get $sdd))))
      (then
        (local.set $num
          (f64.mul (f64.mul (local.get $a) (f64.abs (local.get $a))) (f64.sub (local.get $T) (f64.const 2))))
        (if (f64.gt (local.get $num) (f64.mul (local.get $cur) (local.get $dd)))
          (then (return (f64.div (local.get $num) (local.get $dd)))))
        (return (local.get $cur))))
    ;; degenerate(): NaN (never replaces) unless V > EPS·T·S_dd and B > 0; then A·∞ (only +∞ can replace).
    (if (i32.eqz (f64.gt (local.get $vy) (f64.mul (f64.mul (global.get $EPS) (local.get $T)) (local.get $sdd))))
      (then (return (local.get $cur))))
    (if (i32.eqz (f64.gt (local.get $bx) (f64.const 0))) (then (return (local.get $cur))))
    (if (f64.gt (local.get $a) (f64.const 0))
      (then (if (f64.gt (f64.const inf) (local.get $cur)) (then (return (f64.const inf))))))
    (local.get $cur))

  ;; Starts s0 <= s1 <= s0 + 1 (lanes 0 and 1), windows ending at e = s + m .. n − 1 (the same, once per mode:
  ;; $pairG for GSADF, stride 0, the cell in a register; $pairB for BSADF, the cell of each end loaded in turn).
  (func $pairG (param $y i32) (param $d2 i32) (param $cell i32) (param $stride i32) (param $n i32) (param $m i32)
    (param $s0 i32) (param $s1 i32)
    (local $ys v128) (local $sx v128) (local $sxx v128) (local $sdd v128) (local $x v128) (local $z v128)
    (local $a v128) (local $Th v128) (local $T v128) (local $bx v128) (local $vy v128) (local $dd v128)
    (local $num v128) (local $ok v128) (local $curv v128) (local $yv v128) (local $d2v v128) (local $startv v128)
    (local $notpos i32) (local $cur f64) (local $la f64) (local $ldd f64) (local $lnum f64)
    (local $e i32) (local $py i32) (local $pd i32) (local $p i32) (local $pend i32) (local $pwarm i32)
    (local.set $ys (f64x2.replace_lane 1
      (v128.load64_splat (i32.add (local.get $y) (i32.shl (local.get $s0) (i32.const 3))))
      (f64.load (i32.add (local.get $y) (i32.shl (local.get $s1) (i32.const 3))))))
    (local.set $startv (f64x2.replace_lane 1 (f64x2.splat (f64.convert_i32_s (local.get $s0)))
      (f64.convert_i32_s (local.get $s1))))
    (local.set $e (i32.add (local.get $s0) (i32.const 1)))
    (local.set $py (i32.add (local.get $y) (i32.shl (local.get $e) (i32.const 3))))   ;; &y[e]
    (local.set $pd (i32.add (local.get $d2) (i32.shl (local.get $e) (i32.const 3))))  ;; &Δy²[e]
    (local.set $p (i32.add (local.get $cell) (i32.mul (i32.sub (local.get $e) (local.get $m)) (local.get $stride))))
    ;; e = s0+1: lane 0 begins (x = y[s0] − y[s0] = 0, so only S_dd moves); lane 1 too if s1 = s0
    (local.set $d2v (v128.load64_splat (local.get $pd)))
    (local.set $sdd (v128.and (local.get $d2v) (f64x2.eq (local.get $startv) (f64x2.splat (f64.convert_i32_s (local.get $s0))))))
    (local.set $e (i32.add (local.get $e) (i32.const 1)))
    (local.set $py (i32.add (local.get $py) (i32.const 8)))
    (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
    (local.set $p (i32.add (local.get $p) (local.get $stride)))
    (local.set $x (f64x2.sub (v128.load64_splat (i32.sub (local.get $py) (i32.const 8))) (local.get $ys)))
    ;; warm-up: e = s0+2 .. s1+m−1, both lanes accumulate (x_{e+1} = z_e); lane 0's first window (e = s0+m, when
    ;; s1 = s0+1) is visited on the way
    (local.set $pwarm (i32.add (local.get $y) (i32.shl (i32.add (local.get $s1) (local.get $m)) (i32.const 3))))
    (block $wdone
      (loop $warm
        (br_if $wdone (i32.ge_u (local.get $py) (local.get $pwarm)))
        (local.set $z (f64x2.sub (v128.load64_splat (local.get $py)) (local.get $ys)))
        (local.set $sx (f64x2.add (local.get $sx) (local.get $x)))
        (local.set $sxx (f64x2.add (local.get $sxx) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $sdd (f64x2.add (local.get $sdd) (v128.load64_splat (local.get $pd))))
        (if (i32.eq (i32.sub (local.get $e) (local.get $s0)) (local.get $m))
          (then
            (local.set $T (f64x2.sub (f64x2.splat (f64.convert_i32_s (local.get $e))) (local.get $startv)))
            (local.set $a (f64x2.sub
              (f64x2.mul (f64x2.mul (local.get $T) (v128.const f64x2 0.5 0.5))
                (f64x2.sub (f64x2.mul (local.get $z) (local.get $z)) (local.get $sdd)))
              (f64x2.mul (local.get $sx) (local.get $z))))
            (f64.store (local.get $p) (call $visit (f64.load (local.get $p)) (f64x2.extract_lane 0 (local.get $a))
              (f64x2.extract_lane 0 (local.get $sx)) (f64x2.extract_lane 0 (local.get $sxx))
              (f64x2.extract_lane 0 (local.get $sdd)) (f64x2.extract_lane 0 (local.get $z))
              (f64x2.extract_lane 0 (local.get $T))))))
        (local.set $x (local.get $z))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (local.set $py (i32.add (local.get $py) (i32.const 8)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $warm)))
    ;; main loop: e = s1+m .. n−1, every lane complete. Th = T/2 per lane, x = previous z.
    (local.set $Th (f64x2.mul (f64x2.sub (f64x2.splat (f64.convert_i32_s (local.get $e))) (local.get $startv))
      (v128.const f64x2 0.5 0.5)))
    (local.set $pend (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 3))))
    ;; GSADF: one cell, kept in $cur (only this loop writes it from here on)
    (local.set $cur (f64.load (local.get $p)))
    (local.set $notpos (i32.eqz (f64.gt (local.get $cur) (f64.const 0))))
    (block $done
      (loop $outer
        (block $slow
          (loop $main
            (br_if $done (i32.ge_u (local.get $py) (local.get $pend)))
            (local.set $yv (v128.load64_splat (local.get $py)))
            (local.set $d2v (v128.load64_splat (local.get $pd)))
            (local.set $z (f64x2.sub (local.get $yv) (local.get $ys)))
            (local.set $sx (f64x2.add (local.get $sx) (local.get $x)))
            (local.set $sxx (f64x2.add (local.get $sxx) (f64x2.mul (local.get $x) (local.get $x))))
            (local.set $sdd (f64x2.add (local.get $sdd) (local.get $d2v)))
            (local.set $a (f64x2.sub (f64x2.mul (local.get $Th) (f64x2.sub (f64x2.mul (local.get $z) (local.get $z)) (local.get $sdd)))
              (f64x2.mul (local.get $sx) (local.get $z))))
            ;; both windows pruned (A <= 0 while cur > 0)? Then straight on to the next end; else leave the
            ;; fast loop for the full test below (kept out of this loop so its registers are not spilled here).
            (br_if $slow (i32.or (v128.any_true (f64x2.gt (local.get $a) (v128.const f64x2 0 0)))
                        (local.get $notpos)))
            ;; next end: x_{e+1} = z_e
            (local.set $x (local.get $z))
            (local.set $Th (f64x2.add (local.get $Th) (v128.const f64x2 0.5 0.5)))
            (local.set $py (i32.add (local.get $py) (i32.const 8)))
            (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (br $main)))
        ;; some window may change the cell: the full vector test, then a scalar visit of each interesting lane
        (local.set $curv (f64x2.splat (local.get $cur)))
        (if (v128.any_true (v128.or (f64x2.gt (local.get $a) (v128.const f64x2 0 0)) (v128.not (f64x2.gt (local.get $curv) (v128.const f64x2 0 0)))))
          (then
            (local.set $T (f64x2.add (local.get $Th) (local.get $Th)))
            (local.set $bx (f64x2.sub (f64x2.mul (local.get $T) (local.get $sxx)) (f64x2.mul (local.get $sx) (local.get $sx))))
            (local.set $vy (f64x2.sub (f64x2.mul (local.get $T) (local.get $sdd)) (f64x2.mul (local.get $z) (local.get $z))))
            (local.set $dd (f64x2.sub (f64x2.mul (local.get $bx) (local.get $vy)) (f64x2.mul (local.get $a) (local.get $a))))
            (local.set $num (f64x2.mul (f64x2.mul (local.get $a) (f64x2.abs (local.get $a))) (f64x2.sub (local.get $T) (v128.const f64x2 2 2))))
            ;; ok = not degenerate (D > EPS·B·V and V > EPS·T·S_dd, as the JS kernel)
            (local.set $ok (v128.and
              (f64x2.gt (local.get $dd) (f64x2.mul (f64x2.mul (v128.const f64x2 1e-12 1e-12) (local.get $bx)) (local.get $vy)))
              (f64x2.gt (local.get $vy) (f64x2.mul (f64x2.mul (v128.const f64x2 1e-12 1e-12) (local.get $T)) (local.get $sdd)))))
            ;; hit = not pruned & (degenerate | A·|A|·(T−2) > cur·D)
            (if (v128.any_true (v128.and
                  (v128.or (f64x2.gt (local.get $a) (v128.const f64x2 0 0)) (v128.not (f64x2.gt (local.get $curv) (v128.const f64x2 0 0))))
                  (v128.or (v128.not (local.get $ok)) (f64x2.gt (local.get $num) (f64x2.mul (local.get $curv) (local.get $dd))))))
              (then
                ;; lane 0: $visit, with B, V, D, A·|A|·(T−2) and the test on D taken from the vectors
                (local.set $la (f64x2.extract_lane 0 (local.get $a)))
                (local.set $cur (block $vis0 (result f64)
                  (if (i32.and (f64.le (local.get $la) (f64.const 0)) (f64.gt (local.get $cur) (f64.const 0))) (then (br $vis0 (local.get $cur))))
                  (if (i32x4.extract_lane 0 (local.get $ok))
                    (then
                      (local.set $ldd (f64x2.extract_lane 0 (local.get $dd)))
                      (local.set $lnum (f64x2.extract_lane 0 (local.get $num)))
                      (if (f64.gt (local.get $lnum) (f64.mul (local.get $cur) (local.get $ldd))) (then (br $vis0 (f64.div (local.get $lnum) (local.get $ldd)))))
                      (br $vis0 (local.get $cur))))
                  ;; degenerate: only +∞ (A > 0, V > EPS·T·S_dd, B > 0) can replace
                  (if (i32.eqz (f64.gt (f64x2.extract_lane 0 (local.get $vy)) (f64.mul (f64.mul (global.get $EPS) (f64x2.extract_lane 0 (local.get $T))) (f64x2.extract_lane 0 (local.get $sdd)))))
                    (then (br $vis0 (local.get $cur))))
                  (if (i32.eqz (f64.gt (f64x2.extract_lane 0 (local.get $bx)) (f64.const 0))) (then (br $vis0 (local.get $cur))))
                  (if (i32.and (f64.gt (local.get $la) (f64.const 0)) (f64.gt (f64.const inf) (local.get $cur))) (then (br $vis0 (f64.const inf))))
                  (local.get $cur)))
                ;; lane 1: $visit, with B, V, D, A·|A|·(T−2) and the test on D taken from the vectors
                (local.set $la (f64x2.extract_lane 1 (local.get $a)))
                (local.set $cur (block $vis1 (result f64)
                  (if (i32.and (f64.le (local.get $la) (f64.const 0)) (f64.gt (local.get $cur) (f64.const 0))) (then (br $vis1 (local.get $cur))))
                  (if (i32x4.extract_lane 2 (local.get $ok))
                    (then
                      (local.set $ldd (f64x2.extract_lane 1 (local.get $dd)))
                      (local.set $lnum (f64x2.extract_lane 1 (local.get $num)))
                      (if (f64.gt (local.get $lnum) (f64.mul (local.get $cur) (local.get $ldd))) (then (br $vis1 (f64.div (local.get $lnum) (local.get $ldd)))))
                      (br $vis1 (local.get $cur))))
                  ;; degenerate: only +∞ (A > 0, V > EPS·T·S_dd, B > 0) can replace
                  (if (i32.eqz (f64.gt (f64x2.extract_lane 1 (local.get $vy)) (f64.mul (f64.mul (global.get $EPS) (f64x2.extract_lane 1 (local.get $T))) (f64x2.extract_lane 1 (local.get $sdd)))))
                    (then (br $vis1 (local.get $cur))))
                  (if (i32.eqz (f64.gt (f64x2.extract_lane 1 (local.get $bx)) (f64.const 0))) (then (br $vis1 (local.get $cur))))
                  (if (i32.and (f64.gt (local.get $la) (f64.const 0)) (f64.gt (f64.const inf) (local.get $cur))) (then (br $vis1 (f64.const inf))))
                  (local.get $cur)))
                (f64.store (local.get $p) (local.get $cur))))))
        (local.set $notpos (i32.eqz (f64.gt (local.get $cur) (f64.const 0))))
        ;; next end: x_{e+1} = z_e
        (local.set $x (local.get $z))
        (local.set $Th (f64x2.add (local.get $Th) (v128.const f64x2 0.5 0.5)))
        (local.set $py (i32.add (local.get $py) (i32.const 8)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $outer))))

  ;; Starts s0 <= s1 <= s0 + 1 (lanes 0 and 1), windows ending at e = s + m .. n − 1 (the same, once per mode:
  ;; $pairG for GSADF, stride 0, the cell in a register; $pairB for BSADF, the cell of each end loaded in turn).
  (func $pairB (param $y i32) (param $d2 i32) (param $cell i32) (param $stride i32) (param $n i32) (param $m i32)
    (param $s0 i32) (param $s1 i32)
    (local $ys v128) (local $sx v128) (local $sxx v128) (local $sdd v128) (local $x v128) (local $z v128)
    (local $a v128) (local $Th v128) (local $T v128) (local $bx v128) (local $vy v128) (local $dd v128)
    (local $num v128) (local $ok v128) (local $curv v128) (local $yv v128) (local $d2v v128) (local $startv v128)
    (local $notpos i32) (local $cur f64) (local $la f64) (local $ldd f64) (local $lnum f64)
    (local $e i32) (local $py i32) (local $pd i32) (local $p i32) (local $pend i32) (local $pwarm i32)
    (local.set $ys (f64x2.replace_lane 1
      (v128.load64_splat (i32.add (local.get $y) (i32.shl (local.get $s0) (i32.const 3))))
      (f64.load (i32.add (local.get $y) (i32.shl (local.get $s1) (i32.const 3))))))
    (local.set $startv (f64x2.replace_lane 1 (f64x2.splat (f64.convert_i32_s (local.get $s0)))
      (f64.convert_i32_s (local.get $s1))))
    (local.set $e (i32.add (local.get $s0) (i32.const 1)))
    (local.set $py (i32.add (local.get $y) (i32.shl (local.get $e) (i32.const 3))))   ;; &y[e]
    (local.set $pd (i32.add (local.get $d2) (i32.shl (local.get $e) (i32.const 3))))  ;; &Δy²[e]
    (local.set $p (i32.add (local.get $cell) (i32.mul (i32.sub (local.get $e) (local.get $m)) (local.get $stride))))
    ;; e = s0+1: lane 0 begins (x = y[s0] − y[s0] = 0, so only S_dd moves); lane 1 too if s1 = s0
    (local.set $d2v (v128.load64_splat (local.get $pd)))
    (local.set $sdd (v128.and (local.get $d2v) (f64x2.eq (local.get $startv) (f64x2.splat (f64.convert_i32_s (local.get $s0))))))
    (local.set $e (i32.add (local.get $e) (i32.const 1)))
    (local.set $py (i32.add (local.get $py) (i32.const 8)))
    (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
    (local.set $p (i32.add (local.get $p) (local.get $stride)))
    (local.set $x (f64x2.sub (v128.load64_splat (i32.sub (local.get $py) (i32.const 8))) (local.get $ys)))
    ;; warm-up: e = s0+2 .. s1+m−1, both lanes accumulate (x_{e+1} = z_e); lane 0's first window (e = s0+m, when
    ;; s1 = s0+1) is visited on the way
    (local.set $pwarm (i32.add (local.get $y) (i32.shl (i32.add (local.get $s1) (local.get $m)) (i32.const 3))))
    (block $wdone
      (loop $warm
        (br_if $wdone (i32.ge_u (local.get $py) (local.get $pwarm)))
        (local.set $z (f64x2.sub (v128.load64_splat (local.get $py)) (local.get $ys)))
        (local.set $sx (f64x2.add (local.get $sx) (local.get $x)))
        (local.set $sxx (f64x2.add (local.get $sxx) (f64x2.mul (local.get $x) (local.get $x))))
        (local.set $sdd (f64x2.add (local.get $sdd) (v128.load64_splat (local.get $pd))))
        (if (i32.eq (i32.sub (local.get $e) (local.get $s0)) (local.get $m))
          (then
            (local.set $T (f64x2.sub (f64x2.splat (f64.convert_i32_s (local.get $e))) (local.get $startv)))
            (local.set $a (f64x2.sub
              (f64x2.mul (f64x2.mul (local.get $T) (v128.const f64x2 0.5 0.5))
                (f64x2.sub (f64x2.mul (local.get $z) (local.get $z)) (local.get $sdd)))
              (f64x2.mul (local.get $sx) (local.get $z))))
            (f64.store (local.get $p) (call $visit (f64.load (local.get $p)) (f64x2.extract_lane 0 (local.get $a))
              (f64x2.extract_lane 0 (local.get $sx)) (f64x2.extract_lane 0 (local.get $sxx))
              (f64x2.extract_lane 0 (local.get $sdd)) (f64x2.extract_lane 0 (local.get $z))
              (f64x2.extract_lane 0 (local.get $T))))))
        (local.set $x (local.get $z))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (local.set $py (i32.add (local.get $py) (i32.const 8)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $warm)))
    ;; main loop: e = s1+m .. n−1, every lane complete. Th = T/2 per lane, x = previous z.
    (local.set $Th (f64x2.mul (f64x2.sub (f64x2.splat (f64.convert_i32_s (local.get $e))) (local.get $startv))
      (v128.const f64x2 0.5 0.5)))
    (local.set $pend (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 3))))

    (block $done
      (loop $outer
        (block $slow
          (loop $main
            (br_if $done (i32.ge_u (local.get $py) (local.get $pend)))
            (local.set $yv (v128.load64_splat (local.get $py)))
            (local.set $d2v (v128.load64_splat (local.get $pd)))
            (local.set $z (f64x2.sub (local.get $yv) (local.get $ys)))
            (local.set $sx (f64x2.add (local.get $sx) (local.get $x)))
            (local.set $sxx (f64x2.add (local.get $sxx) (f64x2.mul (local.get $x) (local.get $x))))
            (local.set $sdd (f64x2.add (local.get $sdd) (local.get $d2v)))
            (local.set $a (f64x2.sub (f64x2.mul (local.get $Th) (f64x2.sub (f64x2.mul (local.get $z) (local.get $z)) (local.get $sdd)))
              (f64x2.mul (local.get $sx) (local.get $z))))
            (local.set $cur (f64.load (local.get $p)))
            ;; both windows pruned (A <= 0 while cur > 0)? Then straight on to the next end; else leave the
            ;; fast loop for the full test below (kept out of this loop so its registers are not spilled here).
            (br_if $slow (i32.or (v128.any_true (f64x2.gt (local.get $a) (v128.const f64x2 0 0)))
                        (i32.eqz (f64.gt (local.get $cur) (f64.const 0)))))
            ;; next end: x_{e+1} = z_e
            (local.set $x (local.get $z))
            (local.set $Th (f64x2.add (local.get $Th) (v128.const f64x2 0.5 0.5)))
            (local.set $py (i32.add (local.get $py) (i32.const 8)))
            (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
            (local.set $p (i32.add (local.get $p) (local.get $stride)))
            (br $main)))
        ;; some window may change the cell: the full vector test, then a scalar visit of each interesting lane
        (local.set $curv (f64x2.splat (local.get $cur)))
        (if (v128.any_true (v128.or (f64x2.gt (local.get $a) (v128.const f64x2 0 0)) (v128.not (f64x2.gt (local.get $curv) (v128.const f64x2 0 0)))))
          (then
            (local.set $T (f64x2.add (local.get $Th) (local.get $Th)))
            (local.set $bx (f64x2.sub (f64x2.mul (local.get $T) (local.get $sxx)) (f64x2.mul (local.get $sx) (local.get $sx))))
            (local.set $vy (f64x2.sub (f64x2.mul (local.get $T) (local.get $sdd)) (f64x2.mul (local.get $z) (local.get $z))))
            (local.set $dd (f64x2.sub (f64x2.mul (local.get $bx) (local.get $vy)) (f64x2.mul (local.get $a) (local.get $a))))
            (local.set $num (f64x2.mul (f64x2.mul (local.get $a) (f64x2.abs (local.get $a))) (f64x2.sub (local.get $T) (v128.const f64x2 2 2))))
            ;; ok = not degenerate (D > EPS·B·V and V > EPS·T·S_dd, as the JS kernel)
            (local.set $ok (v128.and
              (f64x2.gt (local.get $dd) (f64x2.mul (f64x2.mul (v128.const f64x2 1e-12 1e-12) (local.get $bx)) (local.get $vy)))
              (f64x2.gt (local.get $vy) (f64x2.mul (f64x2.mul (v128.const f64x2 1e-12 1e-12) (local.get $T)) (local.get $sdd)))))
            ;; hit = not pruned & (degenerate | A·|A|·(T−2) > cur·D)
            (if (v128.any_true (v128.and
                  (v128.or (f64x2.gt (local.get $a) (v128.const f64x2 0 0)) (v128.not (f64x2.gt (local.get $curv) (v128.const f64x2 0 0))))
                  (v128.or (v128.not (local.get $ok)) (f64x2.gt (local.get $num) (f64x2.mul (local.get $curv) (local.get $dd))))))
              (then
                ;; lane 0: $visit, with B, V, D, A·|A|·(T−2) and the test on D taken from the vectors
                (local.set $la (f64x2.extract_lane 0 (local.get $a)))
                (local.set $cur (block $vis0 (result f64)
                  (if (i32.and (f64.le (local.get $la) (f64.const 0)) (f64.gt (local.get $cur) (f64.const 0))) (then (br $vis0 (local.get $cur))))
                  (if (i32x4.extract_lane 0 (local.get $ok))
                    (then
                      (local.set $ldd (f64x2.extract_lane 0 (local.get $dd)))
                      (local.set $lnum (f64x2.extract_lane 0 (local.get $num)))
                      (if (f64.gt (local.get $lnum) (f64.mul (local.get $cur) (local.get $ldd))) (then (br $vis0 (f64.div (local.get $lnum) (local.get $ldd)))))
                      (br $vis0 (local.get $cur))))
                  ;; degenerate: only +∞ (A > 0, V > EPS·T·S_dd, B > 0) can replace
                  (if (i32.eqz (f64.gt (f64x2.extract_lane 0 (local.get $vy)) (f64.mul (f64.mul (global.get $EPS) (f64x2.extract_lane 0 (local.get $T))) (f64x2.extract_lane 0 (local.get $sdd)))))
                    (then (br $vis0 (local.get $cur))))
                  (if (i32.eqz (f64.gt (f64x2.extract_lane 0 (local.get $bx)) (f64.const 0))) (then (br $vis0 (local.get $cur))))
                  (if (i32.and (f64.gt (local.get $la) (f64.const 0)) (f64.gt (f64.const inf) (local.get $cur))) (then (br $vis0 (f64.const inf))))
                  (local.get $cur)))
                ;; lane 1: $visit, with B, V, D, A·|A|·(T−2) and the test on D taken from the vectors
                (local.set $la (f64x2.extract_lane 1 (local.get $a)))
                (local.set $cur (block $vis1 (result f64)
                  (if (i32.and (f64.le (local.get $la) (f64.const 0)) (f64.gt (local.get $cur) (f64.const 0))) (then (br $vis1 (local.get $cur))))
                  (if (i32x4.extract_lane 2 (local.get $ok))
                    (then
                      (local.set $ldd (f64x2.extract_lane 1 (local.get $dd)))
                      (local.set $lnum (f64x2.extract_lane 1 (local.get $num)))
                      (if (f64.gt (local.get $lnum) (f64.mul (local.get $cur) (local.get $ldd))) (then (br $vis1 (f64.div (local.get $lnum) (local.get $ldd)))))
                      (br $vis1 (local.get $cur))))
                  ;; degenerate: only +∞ (A > 0, V > EPS·T·S_dd, B > 0) can replace
                  (if (i32.eqz (f64.gt (f64x2.extract_lane 1 (local.get $vy)) (f64.mul (f64.mul (global.get $EPS) (f64x2.extract_lane 1 (local.get $T))) (f64x2.extract_lane 1 (local.get $sdd)))))
                    (then (br $vis1 (local.get $cur))))
                  (if (i32.eqz (f64.gt (f64x2.extract_lane 1 (local.get $bx)) (f64.const 0))) (then (br $vis1 (local.get $cur))))
                  (if (i32.and (f64.gt (local.get $la) (f64.const 0)) (f64.gt (f64.const inf) (local.get $cur))) (then (br $vis1 (f64.const inf))))
                  (local.get $cur)))
                (f64.store (local.get $p) (local.get $cur))))))
        ;; next end: x_{e+1} = z_e
        (local.set $x (local.get $z))
        (local.set $Th (f64x2.add (local.get $Th) (v128.const f64x2 0.5 0.5)))
        (local.set $py (i32.add (local.get $py) (i32.const 8)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br $outer))))

  ;; Starts sFrom .. sTo−1, each with its windows ending at e = s+m .. n−1 (requires sTo − 1 + m <= n − 1).
  ;; y: byte offset of y[0..n−1]; d2: byte offset of n scratch doubles (Δy² is written there); cell: byte offset of
  ;; the max cell(s); stride 8 ("bsadf": cell + 8(e − m)) or 0 ("gsadf"). Starts go in pairs; an odd count pairs
  ;; start sFrom with itself (a max is idempotent).
  (func (export "lag0Starts") (param $y i32) (param $d2 i32) (param $cell i32) (param $stride i32) (param $n i32)
    (param $m i32) (param $sFrom i32) (param $sTo i32)
    (local $s i32) (local $e i32) (local $d f64)
    (if (i32.le_s (local.get $sTo) (local.get $sFrom)) (then (return)))
    ;; Δy²[e] = (y[e] − y[e−1])², e = 1..n−1
    (local.set $e (i32.const 1))
    (block $dd
      (loop $fill
        (br_if $dd (i32.ge_s (local.get $e) (local.get $n)))
        (local.set $d (f64.sub (f64.load (i32.add (local.get $y) (i32.shl (local.get $e) (i32.const 3))))
          (f64.load (i32.add (local.get $y) (i32.shl (i32.sub (local.get $e) (i32.const 1)) (i32.const 3))))))
        (f64.store (i32.add (local.get $d2) (i32.shl (local.get $e) (i32.const 3))) (f64.mul (local.get $d) (local.get $d)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $fill)))
    ;; Pairs from the last starts down: their few short windows are cheap, and they are the least correlated with
    ;; start 0, so a positive window (which switches on the pruning) is usually found within the first pairs
    ;; (ascending, a series whose BADF is negative everywhere would test every window of the first starts fully).
    (local.set $s (i32.sub (local.get $sTo) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.lt_s (local.get $s) (local.get $sFrom)))
        (call $pair (local.get $y) (local.get $d2) (local.get $cell) (local.get $stride) (local.get $n) (local.get $m)
          (local.get $s) (i32.add (local.get $s) (i32.const 1)))
        (local.set $s (i32.sub (local.get $s) (i32.const 2)))
        (br $next)))
    ;; an odd count leaves start sFrom: paired with itself
    (if (i32.eq (i32.add (local.get $s) (i32.const 1)) (local.get $sFrom))
      (then (call $pair (local.get $y) (local.get $d2) (local.get $cell) (local.get $stride) (local.get $n) (local.get $m)
        (local.get $sFrom) (local.get $sFrom)))))

  (func $pair (param $y i32) (param $d2 i32) (param $cell i32) (param $stride i32) (param $n i32) (param $m i32)
    (param $s0 i32) (param $s1 i32)
    (if (i32.eqz (local.get $stride))
      (then (call $pairG (local.get $y) (local.get $d2) (local.get $cell) (local.get $stride) (local.get $n) (local.get $m)
        (local.get $s0) (local.get $s1)))
      (else (call $pairB (local.get $y) (local.get $d2) (local.get $cell) (local.get $stride) (local.get $n) (local.get $m)
        (local.get $s0) (local.get $s1)))))
)
