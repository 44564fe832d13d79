# robust_step_bound: the seed's robust rate against the batch size, with and without
# replacement, and how far past it SGD still converges (mean square, almost surely).
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/robust_step_bound'" plots/robust_step_bound.gp
# Writes out.'.pdf' and out.'.png'. Every number comes from `batchcheck sweep` (theory, and
# with --samples the simulated estimate and SE); the only line drawn from a formula here is
# 2/L_H, the with-replacement bound of the finding.

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/robust_step_bound'

# Left: N = 16, L_H = 100, L_L = 1; each replicate a stretch of 400 steps.
bs = '1,2,3,4,5,6,8,10,12,16'
left = bc.' sweep robust_step_bound b='.bs.' N=16 LH=100 LL=1 T=400'
set table $without
plot '< '.left.' --samples 400' using 1:6:7:10:11 with table
set table $with
plot '< '.left.' repl=with --samples 400' using 1:6:7:10:11 with table
# Right: b = 2, N = 8, L_H = 10, L_L = 1, eta = r eta_robust (r = 1/2 and 2.75, where a
# batch's step lands on 0, left out).
rs = '0.1,0.2,0.3,0.4,0.6,0.7,0.8,0.9,1,1.1,1.2,1.3,1.4,1.5,1.6,1.8,2,2.2,2.4,2.6,2.9,3.1,3.3,3.5,3.75,4'
right = bc.' sweep robust_step_bound r='.rs.' b=2 N=8 LH=10 LL=1 T=32 --samples 4000'
set table $factors
plot '< '.right using 5:8:9:12:13:14:15:6:7 with table
unset table
stats $factors using ($9/$8) nooutput name 'MS'   # eta_ms / eta_robust
MS_r = MS_max

set encoding utf8
do for [t in 'pdfcairo pngcairo'] {
	if (t eq 'pdfcairo') { eval pdfterm(22); set output out.'.pdf' }
	else { eval pngterm(22); set output out.'.png' }
	set multiplot layout 2,1
	set title 'Largest rate at which every step contracts (N = 16, L_H = 100, L_L = 1)'
	set xlabel 'batch size b'."\n"
	set ylabel 'learning rate {/Symbol h}'
	set logscale y
	set grid
	set key below box maxrows 3 title bars
	plot $without using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'seed: 2b/(L_H + (b-1) L_L)', \
	     $without using ($1/1.03):4:($5*z) with yerrorbars pt 7 ps 0.5 lc rgb '#1f77b4' \
	         title 'simulated min 2b/{/Symbol S}L_i over 400 steps, without replacement', \
	     $with using ($1*1.03):4:($5*z) with yerrorbars pt 4 ps 0.5 lc rgb '#d62728' \
	         title 'simulated, with replacement', \
	     2.0/100 with lines dt 2 lw 2 lc rgb '#d62728' title 'with replacement, worst batch b L_H: 2/L_H', \
	     $without using 1:3 with lines dt 3 lw 2 lc rgb '#2ca02c' title 'mean-square threshold {/Symbol h}_{ms}'
	unset logscale y
	set title 'Past the bound (b = 2, N = 8, L_H = 10, L_L = 1): per-step factors at {/Symbol h} = r {/Symbol h}_{robust}'
	set xlabel 'r = {/Symbol h} / {/Symbol h}_{robust}'."\n"
	set ylabel 'per-step factor'
	set logscale y
	set yrange [0.01:20]
	set key below box maxrows 2 title bars
	set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb '#555555'
	set arrow 2 from MS_r, graph 0 to MS_r, graph 1 nohead dt 3 lc rgb '#2ca02c'
	set label 1 '← every step contracts' at 0.45, 0.015
	set label 2 '{/Symbol h}_{ms}' at MS_r + 0.05, 0.03 tc rgb '#2ca02c'
	plot 1 with lines lt 0 notitle, \
	     $factors using 1:2 with lines lw 2 lc rgb '#2ca02c' title 'mean square E f^2 (< 1: converges in mean square)', \
	     $factors using 1:4:($5*z) with yerrorbars pt 7 ps 0.5 lc rgb '#2ca02c' title 'simulated mean of f^2', \
	     $factors using 1:(exp($3)) with lines lw 2 lc rgb '#9467bd' title 'geometric mean exp E log|f| (< 1: converges a.s.)', \
	     $factors using 1:(exp($6)):(exp($6)*$7*z) with yerrorbars pt 4 ps 0.5 lc rgb '#9467bd' title 'simulated exp(mean log|f|)'
	unset multiplot
	unset arrow 1
	unset arrow 2
	unset label 1
	unset label 2
	unset yrange
	unset logscale y
	unset output
}
