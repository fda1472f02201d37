;; Lag-2 recursive ADF kernel (BSADF over window starts s >= 1) in WebAssembly SIMD: the Givens row-append QR
;; update of ../kernel-lag2.ts for two window starts at once (one per f64x2 lane), software-pipelined over rows.
;; Assembled by scripts/build-wasm.ts into lag2.generated.ts; loaded by index.ts.
;;
;; What it computes (read the headers of ../kernel-lag.ts and ../kernel-lag2.ts first): Phillips, Shi & Yu (2015),
;; eq. 3 with p = 2, Δy_t = α + φ1·Δy_{t−1} + φ2·Δy_{t−2} + δ·y_{t−1} + ε_t over the rows t = s+3..e of window
;; [s, e]. For each start we keep the 5×5 upper-triangular R of the augmented design [1, Δy_{t−1}, Δy_{t−2},
;; y_{t−1} − y_s, Δy_t] and append one row per t with Givens rotations (Golub & Van Loan, §6.5.3): rotation i
;; (i = 0..4) combines the new row with row i of R. Then ADF = R34·√(T−4)/R44. BSADF[e] = max over starts, seeded
;; by the caller with BADF[e] (start 0, done in JS); strictly larger values replace, so NaN never replaces.
;;
;; Semantics are exactly the JS kernel's: each lane performs the same IEEE operations in the same order (no FMA,
;; the same divisions); a rotation is skipped (`if (x_i !== 0)`) by keeping the old lane values with a bitselect
;; mask, which also keeps rows outside a lane's window (before its start, or past n − 1 while the pipeline drains)
;; out of R; the degeneracy rules of tStatFromR are applied per lane, on snapshots of R taken as the row passed.
;; Rotation 0 (x0 = 1) gives c = R00/r, q = 1/r with r = √(R00² + 1), where R00 depends only on the row count, so
;; c, q (and √(T − 4)) come from tables that lag2Starts fills with the same operations: the same bits.
;;
;; Why SIMD, and the pipeline: a row append is a chain of five dependent (square root → division → update) steps,
;; so one row at a time is latency-bound (~250 cycles per row). Rotation i of row t needs only rotation i of row
;; t−1 (through R row i) and rotation i−1 of row t, so iteration t runs rotation 0 on row t, 1 on row t−1, …, 4 on
;; row t−4: five independent chains per iteration, bound by the throughput of the divider (4 square roots and 7
;; divisions per iteration after the tables), and f64x2.sqrt / f64x2.div do two starts for the price of one; the
;; lanes also share the loads of Δy (precomputed). Three copies of the loop: fill and drain with lane masks, the
;; steady state without (only x_i = 0 can skip a rotation there). About 3.5× the JS kernel.
;; Complexity O(n²) windows × O(1) (one row update each), O(n) extra memory.

(module
  (import "env" "memory" (memory 1))

  ;; Starts s0 and s1 = s0 + 1 (lanes 0 and 1), windows ending at t = s + m + 2 .. n − 1. y: byte offset of
  ;; y[0..n+3] and d of Δy[0..n+3] (the last 4 of each are read, unused, while the pipeline drains); bs: byte offset
  ;; of the BSADF cells, cell k ↔ end t = m + 2 + k; tab: the three tables of lag2Starts.
  (func $pair (param $y i32) (param $bs i32) (param $d i32) (param $tab i32) (param $n i32) (param $m i32)
    (param $s0 i32) (param $s1 i32)
    (local $r01 v128) (local $r02 v128) (local $r03 v128) (local $r04 v128) (local $r11 v128) (local $r12 v128)
    (local $r13 v128) (local $r14 v128) (local $r22 v128) (local $r23 v128) (local $r24 v128) (local $r33 v128)
    (local $r34 v128) (local $r44 v128) (local $p0x1 v128) (local $p0x2 v128) (local $p0x3 v128) (local $p0x4 v128)
    (local $p0a v128) (local $p1x1 v128) (local $p1x2 v128) (local $p1x3 v128) (local $p1x4 v128) (local $p2x2 v128)
    (local $p2x3 v128) (local $p2x4 v128) (local $p3x3 v128) (local $p3x4 v128) (local $p4x4 v128) (local $p1a v128)
    (local $p2a v128) (local $p3a v128) (local $p4a v128) (local $p1q v128) (local $p2q v128) (local $p3q v128)
    (local $p4q v128) (local $p2s v128) (local $p3s v128) (local $p4s v128) (local $p4r34 v128) (local $p4r33 v128)
    (local $ys v128) (local $startv v128) (local $tv v128) (local $nm1 v128) (local $mk v128) (local $r v128)
    (local $c v128) (local $q v128) (local $a v128) (local $tss v128) (local $st v128)
    (local $t i32) (local $p i32) (local $pd i32) (local $pb i32) (local $m6 i32) (local $t1 i32) (local $cur f64)
    (local $v f64) (local $pc i32) (local $pq i32) (local $ps i32) (local $tl i32)
    (local.set $ys (f64x2.replace_lane 1
      (f64x2.splat (f64.load (i32.add (local.get $y) (i32.shl (local.get $s0) (i32.const 3)))))
      (f64.load (i32.add (local.get $y) (i32.shl (local.get $s1) (i32.const 3))))))
    ;; lane l takes rows t = s_l + 3 .. n − 1; T = t − s_l − 2 rows
    (local.set $startv (f64x2.replace_lane 1
      (f64x2.splat (f64.convert_i32_s (i32.add (local.get $s0) (i32.const 3))))
      (f64.convert_i32_s (i32.add (local.get $s1) (i32.const 3)))))
    (local.set $nm1 (f64x2.splat (f64.convert_i32_s (i32.sub (local.get $n) (i32.const 1)))))
    (local.set $m6 (i32.add (local.get $m) (i32.const 6))) ;; row t−4 has T >= m in lane l iff t − s_l >= m + 6
    (local.set $t (i32.add (local.get $s0) (i32.const 3)))
    (local.set $tv (f64x2.splat (f64.convert_i32_s (local.get $t))))
    (local.set $p (i32.add (local.get $y) (i32.shl (local.get $s0) (i32.const 3)))) ;; &y[t − 3]
    (local.set $pd (i32.add (local.get $d) (i32.shl (i32.add (local.get $s0) (i32.const 1)) (i32.const 3)))) ;; &Δy[t − 2]
    ;; table entries for row count k = t − s0 − 2 = 1 (lane 1, start s0 + 1, has k − 1): index n + 3 − k
    (local.set $tl (i32.add (local.get $n) (i32.const 8))) ;; table length
    (local.set $pc (i32.add (local.get $tab) (i32.shl (i32.add (local.get $n) (i32.const 2)) (i32.const 3))))
    (local.set $pq (i32.add (local.get $pc) (i32.shl (local.get $tl) (i32.const 3))))
    (local.set $ps (i32.add (local.get $pq) (i32.shl (local.get $tl) (i32.const 3))))
    ;; cell of end t − 4
    (local.set $pb (i32.add (local.get $bs) (i32.shl (i32.sub (local.get $t) (local.get $m6)) (i32.const 3))))
    ;; fill: until rows t−4.. of both lanes are in their windows (t = s1 + 7), with lane masks
    (local.set $t1 (select (i32.add (local.get $s1) (i32.const 7)) (local.get $n)
      (i32.lt_s (i32.add (local.get $s1) (i32.const 7)) (local.get $n))))
    (block $filldone
      (loop $fill
        (br_if $filldone (i32.ge_s (local.get $t) (local.get $t1)))
        ;; rotation 4 on row t−4: r44 = √(r44² + x4²)
        (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r44) (local.get $r44)) (f64x2.mul (local.get $p4x4) (local.get $p4x4)))))
        (local.set $r44 (v128.bitselect (local.get $r) (local.get $r44) (local.get $p4a)))
        ;; row t−4 is complete: its statistic (the degeneracy rules of tStatFromR in kernel-lag.ts) into BSADF
        (if (i32.ge_s (i32.sub (local.get $t) (local.get $s0)) (local.get $m6))
          (then
            (local.set $tss (f64x2.add (local.get $p4s) (f64x2.mul (local.get $r44) (local.get $r44))))
            (local.set $st (v128.bitselect
              (v128.const f64x2 nan nan)
              (v128.bitselect
                (f64x2.mul (local.get $p4r34) (v128.const f64x2 inf inf))
                (f64x2.div (f64x2.mul (local.get $p4r34) (v128.load (local.get $ps)))
                  (local.get $r44))
                (f64x2.le (f64x2.mul (local.get $r44) (local.get $r44))
                  (f64x2.mul (v128.const f64x2 1e-24 1e-24) (local.get $tss))))
              (v128.or
                (v128.not (f64x2.gt (local.get $tss)
                  (f64x2.mul (v128.const f64x2 1e-24 1e-24) (f64x2.add (local.get $tss) (local.get $p4q)))))
                (f64x2.eq (local.get $p4r33) (v128.const f64x2 0 0)))))
            (local.set $cur (f64.load (local.get $pb)))
            (local.set $v (f64x2.extract_lane 0 (local.get $st)))
            (if (f64.gt (local.get $v) (local.get $cur)) (then (local.set $cur (local.get $v))))
            (if (i32.ge_s (i32.sub (local.get $t) (local.get $s1)) (local.get $m6))
              (then
                (local.set $v (f64x2.extract_lane 1 (local.get $st)))
                (if (f64.gt (local.get $v) (local.get $cur)) (then (local.set $cur (local.get $v))))))
            (f64.store (local.get $pb) (local.get $cur))))
        ;; rotation 3 on row t−3, skipped in lanes where x3 = 0 (`if (x3 !== 0)`) or the row is outside the window
        (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r33) (local.get $r33)) (f64x2.mul (local.get $p3x3) (local.get $p3x3)))))
        (local.set $c (f64x2.div (local.get $r33) (local.get $r)))
        (local.set $q (f64x2.div (local.get $p3x3) (local.get $r)))
        (local.set $mk (v128.and (local.get $p3a) (f64x2.ne (local.get $p3x3) (v128.const f64x2 0 0))))
        (if (i64x2.all_true (local.get $mk))
          (then
            (local.set $r33 (local.get $r))
            (local.set $a (local.get $r34))
            (local.set $r34 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p3x4))))
            (local.set $p4x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p3x4)) (f64x2.mul (local.get $q) (local.get $a)))))
          (else
            (local.set $r33 (v128.bitselect (local.get $r) (local.get $r33) (local.get $mk)))
            (local.set $a (local.get $r34))
            (local.set $r34 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p3x4))) (local.get $a) (local.get $mk)))
            (local.set $p4x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p3x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p3x4) (local.get $mk)))))
        (local.set $p4a (local.get $p3a))
        (local.set $p4q (local.get $p3q))
        (local.set $p4s (f64x2.add (local.get $p3s) (f64x2.mul (local.get $r34) (local.get $r34))))
        (local.set $p4r34 (local.get $r34))
        (local.set $p4r33 (local.get $r33))
        ;; rotation 2 on row t−2, skipped in lanes where x2 = 0 (`if (x2 !== 0)`) or the row is outside the window
        (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r22) (local.get $r22)) (f64x2.mul (local.get $p2x2) (local.get $p2x2)))))
        (local.set $c (f64x2.div (local.get $r22) (local.get $r)))
        (local.set $q (f64x2.div (local.get $p2x2) (local.get $r)))
        (local.set $mk (v128.and (local.get $p2a) (f64x2.ne (local.get $p2x2) (v128.const f64x2 0 0))))
        (if (i64x2.all_true (local.get $mk))
          (then
            (local.set $r22 (local.get $r))
            (local.set $a (local.get $r23))
            (local.set $r23 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x3))))
            (local.set $p3x3 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x3)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r24))
            (local.set $r24 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x4))))
            (local.set $p3x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x4)) (f64x2.mul (local.get $q) (local.get $a)))))
          (else
            (local.set $r22 (v128.bitselect (local.get $r) (local.get $r22) (local.get $mk)))
            (local.set $a (local.get $r23))
            (local.set $r23 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x3))) (local.get $a) (local.get $mk)))
            (local.set $p3x3 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x3)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p2x3) (local.get $mk)))
            (local.set $a (local.get $r24))
            (local.set $r24 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x4))) (local.get $a) (local.get $mk)))
            (local.set $p3x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p2x4) (local.get $mk)))))
        (local.set $p3a (local.get $p2a))
        (local.set $p3q (local.get $p2q))
        (local.set $p3s (f64x2.add (local.get $p2s) (f64x2.mul (local.get $r24) (local.get $r24))))
        ;; rotation 1 on row t−1, skipped in lanes where x1 = 0 (`if (x1 !== 0)`) or the row is outside the window
        (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r11) (local.get $r11)) (f64x2.mul (local.get $p1x1) (local.get $p1x1)))))
        (local.set $c (f64x2.div (local.get $r11) (local.get $r)))
        (local.set $q (f64x2.div (local.get $p1x1) (local.get $r)))
        (local.set $mk (v128.and (local.get $p1a) (f64x2.ne (local.get $p1x1) (v128.const f64x2 0 0))))
        (if (i64x2.all_true (local.get $mk))
          (then
            (local.set $r11 (local.get $r))
            (local.set $a (local.get $r12))
            (local.set $r12 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x2))))
            (local.set $p2x2 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x2)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r13))
            (local.set $r13 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x3))))
            (local.set $p2x3 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x3)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r14))
            (local.set $r14 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x4))))
            (local.set $p2x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x4)) (f64x2.mul (local.get $q) (local.get $a)))))
          (else
            (local.set $r11 (v128.bitselect (local.get $r) (local.get $r11) (local.get $mk)))
            (local.set $a (local.get $r12))
            (local.set $r12 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x2))) (local.get $a) (local.get $mk)))
            (local.set $p2x2 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x2)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p1x2) (local.get $mk)))
            (local.set $a (local.get $r13))
            (local.set $r13 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x3))) (local.get $a) (local.get $mk)))
            (local.set $p2x3 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x3)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p1x3) (local.get $mk)))
            (local.set $a (local.get $r14))
            (local.set $r14 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x4))) (local.get $a) (local.get $mk)))
            (local.set $p2x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p1x4) (local.get $mk)))))
        (local.set $p2a (local.get $p1a))
        (local.set $p2q (local.get $p1q))
        (local.set $p2s (f64x2.mul (local.get $r14) (local.get $r14)))
        ;; the new row t: x = [Δy_{t−1}, Δy_{t−2}, y_{t−1} − y_s, Δy_t] (x0 = 1), in the window or not
        (local.set $p0a (v128.and (f64x2.ge (local.get $tv) (local.get $startv)) (f64x2.le (local.get $tv) (local.get $nm1))))
        (local.set $p0x1 (v128.load64_splat offset=8 (local.get $pd)))
        (local.set $p0x2 (v128.load64_splat (local.get $pd)))
        (local.set $p0x3 (f64x2.sub (v128.load64_splat offset=16 (local.get $p)) (local.get $ys)))
        (local.set $p0x4 (v128.load64_splat offset=16 (local.get $pd)))
        ;; rotation 0 on row t (x0 = 1): c = r00/r, q = 1/r with r = √(r00² + 1) depend only on the row count k, so
        ;; they come from the tables (computed by lag2Starts with the JS kernel's operations: the same bits)
        (local.set $c (v128.load (local.get $pc)))
        (local.set $q (v128.load (local.get $pq)))
        (local.set $mk (local.get $p0a))
        (if (i64x2.all_true (local.get $mk))
          (then
            (local.set $a (local.get $r01))
            (local.set $r01 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x1))))
            (local.set $p1x1 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x1)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r02))
            (local.set $r02 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x2))))
            (local.set $p1x2 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x2)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r03))
            (local.set $r03 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x3))))
            (local.set $p1x3 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x3)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r04))
            (local.set $r04 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x4))))
            (local.set $p1x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x4)) (f64x2.mul (local.get $q) (local.get $a)))))
          (else
            (local.set $a (local.get $r01))
            (local.set $r01 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x1))) (local.get $a) (local.get $mk)))
            (local.set $p1x1 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x1)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p0x1) (local.get $mk)))
            (local.set $a (local.get $r02))
            (local.set $r02 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x2))) (local.get $a) (local.get $mk)))
            (local.set $p1x2 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x2)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p0x2) (local.get $mk)))
            (local.set $a (local.get $r03))
            (local.set $r03 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x3))) (local.get $a) (local.get $mk)))
            (local.set $p1x3 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x3)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p0x3) (local.get $mk)))
            (local.set $a (local.get $r04))
            (local.set $r04 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x4))) (local.get $a) (local.get $mk)))
            (local.set $p1x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p0x4) (local.get $mk)))))
        (local.set $p1a (local.get $p0a))
        (local.set $p1q (f64x2.mul (local.get $r04) (local.get $r04)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (local.set $tv (f64x2.add (local.get $tv) (v128.const f64x2 1 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 8)))
        (local.set $pc (i32.sub (local.get $pc) (i32.const 8)))
        (local.set $pq (i32.sub (local.get $pq) (i32.const 8)))
        (local.set $ps (i32.sub (local.get $ps) (i32.const 8)))
        (br $fill)))
    ;; steady state: every rotation of every lane is in its window; only x_i = 0 can skip a rotation
    (if (i32.lt_s (local.get $t) (local.get $n))
      (then
        (block $steadydone
          (loop $steady
            (br_if $steadydone (i32.ge_s (local.get $t) (local.get $n)))
            ;; rotation 4 on row t−4: r44 = √(r44² + x4²)
            (local.set $r44 (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r44) (local.get $r44)) (f64x2.mul (local.get $p4x4) (local.get $p4x4)))))
            ;; row t−4 is complete: its statistic (the degeneracy rules of tStatFromR in kernel-lag.ts) into BSADF
            (if (i32.ge_s (i32.sub (local.get $t) (local.get $s0)) (local.get $m6))
              (then
                (local.set $tss (f64x2.add (local.get $p4s) (f64x2.mul (local.get $r44) (local.get $r44))))
                (local.set $st (v128.bitselect
                  (v128.const f64x2 nan nan)
                  (v128.bitselect
                    (f64x2.mul (local.get $p4r34) (v128.const f64x2 inf inf))
                    (f64x2.div (f64x2.mul (local.get $p4r34) (v128.load (local.get $ps)))
                      (local.get $r44))
                    (f64x2.le (f64x2.mul (local.get $r44) (local.get $r44))
                      (f64x2.mul (v128.const f64x2 1e-24 1e-24) (local.get $tss))))
                  (v128.or
                    (v128.not (f64x2.gt (local.get $tss)
                      (f64x2.mul (v128.const f64x2 1e-24 1e-24) (f64x2.add (local.get $tss) (local.get $p4q)))))
                    (f64x2.eq (local.get $p4r33) (v128.const f64x2 0 0)))))
                (local.set $cur (f64.load (local.get $pb)))
                (local.set $v (f64x2.extract_lane 0 (local.get $st)))
                (if (f64.gt (local.get $v) (local.get $cur)) (then (local.set $cur (local.get $v))))
                (if (i32.ge_s (i32.sub (local.get $t) (local.get $s1)) (local.get $m6))
                  (then
                    (local.set $v (f64x2.extract_lane 1 (local.get $st)))
                    (if (f64.gt (local.get $v) (local.get $cur)) (then (local.set $cur (local.get $v))))))
                (f64.store (local.get $pb) (local.get $cur))))
            ;; rotation 3 on row t−3, skipped in lanes where x3 = 0 (`if (x3 !== 0)`)
            (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r33) (local.get $r33)) (f64x2.mul (local.get $p3x3) (local.get $p3x3)))))
            (local.set $c (f64x2.div (local.get $r33) (local.get $r)))
            (local.set $q (f64x2.div (local.get $p3x3) (local.get $r)))
            (local.set $mk (f64x2.ne (local.get $p3x3) (v128.const f64x2 0 0)))
            (if (i64x2.all_true (local.get $mk))
              (then
                (local.set $r33 (local.get $r))
                (local.set $a (local.get $r34))
                (local.set $r34 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p3x4))))
                (local.set $p4x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p3x4)) (f64x2.mul (local.get $q) (local.get $a)))))
              (else
                (local.set $r33 (v128.bitselect (local.get $r) (local.get $r33) (local.get $mk)))
                (local.set $a (local.get $r34))
                (local.set $r34 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p3x4))) (local.get $a) (local.get $mk)))
                (local.set $p4x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p3x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p3x4) (local.get $mk)))))
            (local.set $p4q (local.get $p3q))
            (local.set $p4s (f64x2.add (local.get $p3s) (f64x2.mul (local.get $r34) (local.get $r34))))
            (local.set $p4r34 (local.get $r34))
            (local.set $p4r33 (local.get $r33))
            ;; rotation 2 on row t−2, skipped in lanes where x2 = 0 (`if (x2 !== 0)`)
            (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r22) (local.get $r22)) (f64x2.mul (local.get $p2x2) (local.get $p2x2)))))
            (local.set $c (f64x2.div (local.get $r22) (local.get $r)))
            (local.set $q (f64x2.div (local.get $p2x2) (local.get $r)))
            (local.set $mk (f64x2.ne (local.get $p2x2) (v128.const f64x2 0 0)))
            (if (i64x2.all_true (local.get $mk))
              (then
                (local.set $r22 (local.get $r))
                (local.set $a (local.get $r23))
                (local.set $r23 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x3))))
                (local.set $p3x3 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x3)) (f64x2.mul (local.get $q) (local.get $a))))
                (local.set $a (local.get $r24))
                (local.set $r24 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x4))))
                (local.set $p3x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x4)) (f64x2.mul (local.get $q) (local.get $a)))))
              (else
                (local.set $r22 (v128.bitselect (local.get $r) (local.get $r22) (local.get $mk)))
                (local.set $a (local.get $r23))
                (local.set $r23 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x3))) (local.get $a) (local.get $mk)))
                (local.set $p3x3 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x3)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p2x3) (local.get $mk)))
                (local.set $a (local.get $r24))
                (local.set $r24 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x4))) (local.get $a) (local.get $mk)))
                (local.set $p3x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p2x4) (local.get $mk)))))
            (local.set $p3q (local.get $p2q))
            (local.set $p3s (f64x2.add (local.get $p2s) (f64x2.mul (local.get $r24) (local.get $r24))))
            ;; rotation 1 on row t−1, skipped in lanes where x1 = 0 (`if (x1 !== 0)`)
            (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r11) (local.get $r11)) (f64x2.mul (local.get $p1x1) (local.get $p1x1)))))
            (local.set $c (f64x2.div (local.get $r11) (local.get $r)))
            (local.set $q (f64x2.div (local.get $p1x1) (local.get $r)))
            (local.set $mk (f64x2.ne (local.get $p1x1) (v128.const f64x2 0 0)))
            (if (i64x2.all_true (local.get $mk))
              (then
                (local.set $r11 (local.get $r))
                (local.set $a (local.get $r12))
                (local.set $r12 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x2))))
                (local.set $p2x2 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x2)) (f64x2.mul (local.get $q) (local.get $a))))
                (local.set $a (local.get $r13))
                (local.set $r13 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x3))))
                (local.set $p2x3 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x3)) (f64x2.mul (local.get $q) (local.get $a))))
                (local.set $a (local.get $r14))
                (local.set $r14 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x4))))
                (local.set $p2x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x4)) (f64x2.mul (local.get $q) (local.get $a)))))
              (else
                (local.set $r11 (v128.bitselect (local.get $r) (local.get $r11) (local.get $mk)))
                (local.set $a (local.get $r12))
                (local.set $r12 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x2))) (local.get $a) (local.get $mk)))
                (local.set $p2x2 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x2)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p1x2) (local.get $mk)))
                (local.set $a (local.get $r13))
                (local.set $r13 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x3))) (local.get $a) (local.get $mk)))
                (local.set $p2x3 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x3)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p1x3) (local.get $mk)))
                (local.set $a (local.get $r14))
                (local.set $r14 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x4))) (local.get $a) (local.get $mk)))
                (local.set $p2x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p1x4) (local.get $mk)))))
            (local.set $p2q (local.get $p1q))
            (local.set $p2s (f64x2.mul (local.get $r14) (local.get $r14)))
            ;; the new row t: x = [Δy_{t−1}, Δy_{t−2}, y_{t−1} − y_s, Δy_t] (x0 = 1)
            (local.set $p0x1 (v128.load64_splat offset=8 (local.get $pd)))
            (local.set $p0x2 (v128.load64_splat (local.get $pd)))
            (local.set $p0x3 (f64x2.sub (v128.load64_splat offset=16 (local.get $p)) (local.get $ys)))
            (local.set $p0x4 (v128.load64_splat offset=16 (local.get $pd)))
            ;; rotation 0 on row t (x0 = 1): c = r00/r, q = 1/r with r = √(r00² + 1) depend only on the row count k, so
            ;; they come from the tables (computed by lag2Starts with the JS kernel's operations: the same bits)
            (local.set $c (v128.load (local.get $pc)))
            (local.set $q (v128.load (local.get $pq)))
            (local.set $a (local.get $r01))
            (local.set $r01 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x1))))
            (local.set $p1x1 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x1)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r02))
            (local.set $r02 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x2))))
            (local.set $p1x2 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x2)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r03))
            (local.set $r03 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x3))))
            (local.set $p1x3 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x3)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r04))
            (local.set $r04 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x4))))
            (local.set $p1x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x4)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $p1q (f64x2.mul (local.get $r04) (local.get $r04)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (local.set $tv (f64x2.add (local.get $tv) (v128.const f64x2 1 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 8)))
            (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
            (local.set $pb (i32.add (local.get $pb) (i32.const 8)))
            (local.set $pc (i32.sub (local.get $pc) (i32.const 8)))
            (local.set $pq (i32.sub (local.get $pq) (i32.const 8)))
            (local.set $ps (i32.sub (local.get $ps) (i32.const 8)))
            (br $steady)))
        (local.set $p1a (v128.const i64x2 -1 -1))
        (local.set $p2a (v128.const i64x2 -1 -1))
        (local.set $p3a (v128.const i64x2 -1 -1))
        (local.set $p4a (v128.const i64x2 -1 -1))))
    ;; drain: rows n..n+3 are outside every window; rotations 1..4 finish rows n−4..n−1
    (block $draindone
      (loop $drain
        (br_if $draindone (i32.ge_s (local.get $t) (i32.add (local.get $n) (i32.const 4))))
        ;; rotation 4 on row t−4: r44 = √(r44² + x4²)
        (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r44) (local.get $r44)) (f64x2.mul (local.get $p4x4) (local.get $p4x4)))))
        (local.set $r44 (v128.bitselect (local.get $r) (local.get $r44) (local.get $p4a)))
        ;; row t−4 is complete: its statistic (the degeneracy rules of tStatFromR in kernel-lag.ts) into BSADF
        (if (i32.ge_s (i32.sub (local.get $t) (local.get $s0)) (local.get $m6))
          (then
            (local.set $tss (f64x2.add (local.get $p4s) (f64x2.mul (local.get $r44) (local.get $r44))))
            (local.set $st (v128.bitselect
              (v128.const f64x2 nan nan)
              (v128.bitselect
                (f64x2.mul (local.get $p4r34) (v128.const f64x2 inf inf))
                (f64x2.div (f64x2.mul (local.get $p4r34) (v128.load (local.get $ps)))
                  (local.get $r44))
                (f64x2.le (f64x2.mul (local.get $r44) (local.get $r44))
                  (f64x2.mul (v128.const f64x2 1e-24 1e-24) (local.get $tss))))
              (v128.or
                (v128.not (f64x2.gt (local.get $tss)
                  (f64x2.mul (v128.const f64x2 1e-24 1e-24) (f64x2.add (local.get $tss) (local.get $p4q)))))
                (f64x2.eq (local.get $p4r33) (v128.const f64x2 0 0)))))
            (local.set $cur (f64.load (local.get $pb)))
            (local.set $v (f64x2.extract_lane 0 (local.get $st)))
            (if (f64.gt (local.get $v) (local.get $cur)) (then (local.set $cur (local.get $v))))
            (if (i32.ge_s (i32.sub (local.get $t) (local.get $s1)) (local.get $m6))
              (then
                (local.set $v (f64x2.extract_lane 1 (local.get $st)))
                (if (f64.gt (local.get $v) (local.get $cur)) (then (local.set $cur (local.get $v))))))
            (f64.store (local.get $pb) (local.get $cur))))
        ;; rotation 3 on row t−3, skipped in lanes where x3 = 0 (`if (x3 !== 0)`) or the row is outside the window
        (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r33) (local.get $r33)) (f64x2.mul (local.get $p3x3) (local.get $p3x3)))))
        (local.set $c (f64x2.div (local.get $r33) (local.get $r)))
        (local.set $q (f64x2.div (local.get $p3x3) (local.get $r)))
        (local.set $mk (v128.and (local.get $p3a) (f64x2.ne (local.get $p3x3) (v128.const f64x2 0 0))))
        (if (i64x2.all_true (local.get $mk))
          (then
            (local.set $r33 (local.get $r))
            (local.set $a (local.get $r34))
            (local.set $r34 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p3x4))))
            (local.set $p4x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p3x4)) (f64x2.mul (local.get $q) (local.get $a)))))
          (else
            (local.set $r33 (v128.bitselect (local.get $r) (local.get $r33) (local.get $mk)))
            (local.set $a (local.get $r34))
            (local.set $r34 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p3x4))) (local.get $a) (local.get $mk)))
            (local.set $p4x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p3x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p3x4) (local.get $mk)))))
        (local.set $p4a (local.get $p3a))
        (local.set $p4q (local.get $p3q))
        (local.set $p4s (f64x2.add (local.get $p3s) (f64x2.mul (local.get $r34) (local.get $r34))))
        (local.set $p4r34 (local.get $r34))
        (local.set $p4r33 (local.get $r33))
        ;; rotation 2 on row t−2, skipped in lanes where x2 = 0 (`if (x2 !== 0)`) or the row is outside the window
        (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r22) (local.get $r22)) (f64x2.mul (local.get $p2x2) (local.get $p2x2)))))
        (local.set $c (f64x2.div (local.get $r22) (local.get $r)))
        (local.set $q (f64x2.div (local.get $p2x2) (local.get $r)))
        (local.set $mk (v128.and (local.get $p2a) (f64x2.ne (local.get $p2x2) (v128.const f64x2 0 0))))
        (if (i64x2.all_true (local.get $mk))
          (then
            (local.set $r22 (local.get $r))
            (local.set $a (local.get $r23))
            (local.set $r23 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x3))))
            (local.set $p3x3 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x3)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r24))
            (local.set $r24 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x4))))
            (local.set $p3x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x4)) (f64x2.mul (local.get $q) (local.get $a)))))
          (else
            (local.set $r22 (v128.bitselect (local.get $r) (local.get $r22) (local.get $mk)))
            (local.set $a (local.get $r23))
            (local.set $r23 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x3))) (local.get $a) (local.get $mk)))
            (local.set $p3x3 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x3)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p2x3) (local.get $mk)))
            (local.set $a (local.get $r24))
            (local.set $r24 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p2x4))) (local.get $a) (local.get $mk)))
            (local.set $p3x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p2x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p2x4) (local.get $mk)))))
        (local.set $p3a (local.get $p2a))
        (local.set $p3q (local.get $p2q))
        (local.set $p3s (f64x2.add (local.get $p2s) (f64x2.mul (local.get $r24) (local.get $r24))))
        ;; rotation 1 on row t−1, skipped in lanes where x1 = 0 (`if (x1 !== 0)`) or the row is outside the window
        (local.set $r (f64x2.sqrt (f64x2.add (f64x2.mul (local.get $r11) (local.get $r11)) (f64x2.mul (local.get $p1x1) (local.get $p1x1)))))
        (local.set $c (f64x2.div (local.get $r11) (local.get $r)))
        (local.set $q (f64x2.div (local.get $p1x1) (local.get $r)))
        (local.set $mk (v128.and (local.get $p1a) (f64x2.ne (local.get $p1x1) (v128.const f64x2 0 0))))
        (if (i64x2.all_true (local.get $mk))
          (then
            (local.set $r11 (local.get $r))
            (local.set $a (local.get $r12))
            (local.set $r12 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x2))))
            (local.set $p2x2 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x2)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r13))
            (local.set $r13 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x3))))
            (local.set $p2x3 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x3)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r14))
            (local.set $r14 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x4))))
            (local.set $p2x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x4)) (f64x2.mul (local.get $q) (local.get $a)))))
          (else
            (local.set $r11 (v128.bitselect (local.get $r) (local.get $r11) (local.get $mk)))
            (local.set $a (local.get $r12))
            (local.set $r12 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x2))) (local.get $a) (local.get $mk)))
            (local.set $p2x2 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x2)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p1x2) (local.get $mk)))
            (local.set $a (local.get $r13))
            (local.set $r13 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x3))) (local.get $a) (local.get $mk)))
            (local.set $p2x3 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x3)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p1x3) (local.get $mk)))
            (local.set $a (local.get $r14))
            (local.set $r14 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p1x4))) (local.get $a) (local.get $mk)))
            (local.set $p2x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p1x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p1x4) (local.get $mk)))))
        (local.set $p2a (local.get $p1a))
        (local.set $p2q (local.get $p1q))
        (local.set $p2s (f64x2.mul (local.get $r14) (local.get $r14)))
        ;; the new row t: x = [Δy_{t−1}, Δy_{t−2}, y_{t−1} − y_s, Δy_t] (x0 = 1), in the window or not
        (local.set $p0a (v128.and (f64x2.ge (local.get $tv) (local.get $startv)) (f64x2.le (local.get $tv) (local.get $nm1))))
        (local.set $p0x1 (v128.load64_splat offset=8 (local.get $pd)))
        (local.set $p0x2 (v128.load64_splat (local.get $pd)))
        (local.set $p0x3 (f64x2.sub (v128.load64_splat offset=16 (local.get $p)) (local.get $ys)))
        (local.set $p0x4 (v128.load64_splat offset=16 (local.get $pd)))
        ;; rotation 0 on row t (x0 = 1): c = r00/r, q = 1/r with r = √(r00² + 1) depend only on the row count k, so
        ;; they come from the tables (computed by lag2Starts with the JS kernel's operations: the same bits)
        (local.set $c (v128.load (local.get $pc)))
        (local.set $q (v128.load (local.get $pq)))
        (local.set $mk (local.get $p0a))
        (if (i64x2.all_true (local.get $mk))
          (then
            (local.set $a (local.get $r01))
            (local.set $r01 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x1))))
            (local.set $p1x1 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x1)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r02))
            (local.set $r02 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x2))))
            (local.set $p1x2 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x2)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r03))
            (local.set $r03 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x3))))
            (local.set $p1x3 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x3)) (f64x2.mul (local.get $q) (local.get $a))))
            (local.set $a (local.get $r04))
            (local.set $r04 (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x4))))
            (local.set $p1x4 (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x4)) (f64x2.mul (local.get $q) (local.get $a)))))
          (else
            (local.set $a (local.get $r01))
            (local.set $r01 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x1))) (local.get $a) (local.get $mk)))
            (local.set $p1x1 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x1)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p0x1) (local.get $mk)))
            (local.set $a (local.get $r02))
            (local.set $r02 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x2))) (local.get $a) (local.get $mk)))
            (local.set $p1x2 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x2)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p0x2) (local.get $mk)))
            (local.set $a (local.get $r03))
            (local.set $r03 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x3))) (local.get $a) (local.get $mk)))
            (local.set $p1x3 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x3)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p0x3) (local.get $mk)))
            (local.set $a (local.get $r04))
            (local.set $r04 (v128.bitselect (f64x2.add (f64x2.mul (local.get $c) (local.get $a)) (f64x2.mul (local.get $q) (local.get $p0x4))) (local.get $a) (local.get $mk)))
            (local.set $p1x4 (v128.bitselect (f64x2.sub (f64x2.mul (local.get $c) (local.get $p0x4)) (f64x2.mul (local.get $q) (local.get $a))) (local.get $p0x4) (local.get $mk)))))
        (local.set $p1a (local.get $p0a))
        (local.set $p1q (f64x2.mul (local.get $r04) (local.get $r04)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (local.set $tv (f64x2.add (local.get $tv) (v128.const f64x2 1 1)))
        (local.set $p (i32.add (local.get $p) (i32.const 8)))
        (local.set $pd (i32.add (local.get $pd) (i32.const 8)))
        (local.set $pb (i32.add (local.get $pb) (i32.const 8)))
        (local.set $pc (i32.sub (local.get $pc) (i32.const 8)))
        (local.set $pq (i32.sub (local.get $pq) (i32.const 8)))
        (local.set $ps (i32.sub (local.get $ps) (i32.const 8)))
        (br $drain))))

  ;; Starts sFrom .. sTo−1 (requires 1 <= sFrom and sTo − 1 <= n − m − 3), in pairs; an odd count redoes start
  ;; sTo−2 in the last pair and a single start is paired with sFrom − 1 (a max is idempotent, and a start's windows
  ;; give the same bits in any lane). d: n + 4 scratch doubles (Δy); tab: 3(n + 8) scratch doubles, three tables
  ;; indexed j = n + 3 − k by the row count k = 0..n+2 (descending, so lanes k and k − 1 are one v128 load):
  ;; c0 = r00(k−1)/r00(k), q0 = 1/r00(k) with r00(k) = √(r00(k−1)² + 1), r00(0) = 0 (rotation 0 of the JS kernel:
  ;; its R00 after k rows), and sq = √(k − 8) (√(T − 4) for the row t − 4 in the pipeline).
  (func (export "lag2Starts") (param $y i32) (param $bs i32) (param $d i32) (param $tab i32) (param $n i32) (param $m i32)
    (param $sFrom i32) (param $sTo i32)
    (local $s i32) (local $e i32) (local $k i32) (local $r f64) (local $rn f64) (local $pj i32) (local $tl i32)
    (if (i32.le_s (i32.sub (local.get $sTo) (local.get $sFrom)) (i32.const 0)) (then (return)))
    ;; Δy[e] = y[e] − y[e−1], e = 1..n−1 (the JS kernel's differences, bit for bit)
    (local.set $e (i32.const 1))
    (block $dd
      (loop $fill
        (br_if $dd (i32.ge_s (local.get $e) (local.get $n)))
        (f64.store (i32.add (local.get $d) (i32.shl (local.get $e) (i32.const 3)))
          (f64.sub (f64.load (i32.add (local.get $y) (i32.shl (local.get $e) (i32.const 3))))
            (f64.load (i32.add (local.get $y) (i32.shl (i32.sub (local.get $e) (i32.const 1)) (i32.const 3))))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $fill)))
    ;; the tables, k = 0..n+2 (k = 0: c0 = q0 = 0, never used unmasked)
    (local.set $tl (i32.add (local.get $n) (i32.const 8)))
    (local.set $k (i32.const 0))
    (block $tdone
      (loop $tfill
        (br_if $tdone (i32.gt_s (local.get $k) (i32.add (local.get $n) (i32.const 2))))
        (local.set $pj (i32.add (local.get $tab)
          (i32.shl (i32.sub (i32.add (local.get $n) (i32.const 3)) (local.get $k)) (i32.const 3))))
        (if (i32.eqz (local.get $k))
          (then
            (f64.store (local.get $pj) (f64.const 0))
            (f64.store (i32.add (local.get $pj) (i32.shl (local.get $tl) (i32.const 3))) (f64.const 0)))
          (else
            (local.set $rn (f64.sqrt (f64.add (f64.mul (local.get $r) (local.get $r)) (f64.const 1))))
            (f64.store (local.get $pj) (f64.div (local.get $r) (local.get $rn)))
            (f64.store (i32.add (local.get $pj) (i32.shl (local.get $tl) (i32.const 3)))
              (f64.div (f64.const 1) (local.get $rn)))
            (local.set $r (local.get $rn))))
        (f64.store (i32.add (local.get $pj) (i32.shl (local.get $tl) (i32.const 4)))
          (f64.sqrt (f64.convert_i32_s (i32.sub (local.get $k) (i32.const 8)))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $tfill)))
    (if (i32.eq (i32.sub (local.get $sTo) (local.get $sFrom)) (i32.const 1))
      (then
        (call $pair (local.get $y) (local.get $bs) (local.get $d) (local.get $tab) (local.get $n) (local.get $m)
          (i32.sub (local.get $sFrom) (i32.const 1)) (local.get $sFrom))
        (return)))
    (local.set $s (local.get $sFrom))
    (block $done
      (loop $next
        (br_if $done (i32.ge_s (i32.add (local.get $s) (i32.const 1)) (local.get $sTo)))
        (call $pair (local.get $y) (local.get $bs) (local.get $d) (local.get $tab) (local.get $n) (local.get $m)
          (local.get $s) (i32.add (local.get $s) (i32.const 1)))
        (local.set $s (i32.add (local.get $s) (i32.const 2)))
        (br $next)))
    (if (i32.lt_s (local.get $s) (local.get $sTo))
      (then
        (call $pair (local.get $y) (local.get $bs) (local.get $d) (local.get $tab) (local.get $n) (local.get $m)
          (i32.sub (local.get $sTo) (i32.const 2)) (i32.sub (local.get $sTo) (i32.const 1))))))
)
