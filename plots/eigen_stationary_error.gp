# eigen_stationary_error: the stationary error along one eigendirection against eta lambda
# over its whole valid range (0, 2), with the seed's reading "inversely proportional to the
# curvature" held against it; b e against b, where the reading "inversely proportional to
# b" holds for additive noise and fails for multiplicative and batch-shared noise; and e/s
# against s, the reading "proportional to s".
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/eigen_stationary_error'" plots/eigen_stationary_error.gp
# Writes out.'.pdf' and out.'.png'. Every number comes from `batchcheck sweep` (columns:
# eta s b lambda e, then with --samples e_est e_se), read once into datablocks.

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/eigen_stationary_error'

N = 4000
n = sprintf(' --samples %d --threads 2', N)
# eta = 0.5, s = 1, b = 2: lambda = 2 (eta lambda)
dense = ''
do for [i = 1:50] { dense = dense.sprintf("%s%.4f", i > 1 ? "," : "", 0.08 * i - 0.04) }
pts = '0.5,1,1.5,2,2.5,3,3.5,3.8'
sweep = bc.' sweep eigen_stationary_error eta=0.5 s=1 b=2 lambda='
bs = '1,2,4,8,16,32'
bsweep = bc.' sweep eigen_stationary_error eta=0.5 s=1 lambda=2 b='.bs
set table $theory
plot '< '.sweep.dense using ($4/2):5 with table
set table $sim
plot '< '.sweep.pts.n using ($4/2):6:7 with table
set table $add
plot '< '.bsweep.n using 3:($3*$5):($3*$6):($3*$7) with table
set table $mult
plot '< '.bsweep.' d=1 k=0.9'.n using 3:($3*$6):($3*$7) with table
set table $svals
plot '< '.bc.' sweep eigen_stationary_error eta=0.5 lambda=2 b=2 s=0.001,0.1,10,1000'.n using 2:($6/$2):($7/$2) with table
set table $shared
plot '< '.bsweep.' rho=0.05'.n using 3:($3*$6):($3*$7) with table
unset table

# the outside laws (theory/eigen_stationary_error.c), drawn over the simulated b only
mult(b) = b >= 1 && b <= 32 ? 0.25 / (1 - 0.81 / b) : 1/0
shared(b) = b >= 1 && b <= 32 ? 0.25 * (0.05 * b + 0.95) : 1/0

set encoding utf8
set grid
do for [t in 'pdfcairo pngcairo'] {
	if (t eq 'pdfcairo') { eval pdfterm(23); set output out.'.pdf' }
	else { eval pngterm(23); set output out.'.png' }
	set multiplot layout 3,1 title sprintf('Stationary error along an eigendirection'."\n".'({/Symbol h} = 0.5, s = 1; simulated: %d chains a point, %s)', N, bars)
	unset logscale x
	set logscale y 10
	set xrange [0:2]
	set yrange [0.03:10]
	set xlabel '{/Symbol h}{/Symbol l} (at fixed {/Symbol h}: the curvature {/Symbol l})'."\n"
	set ylabel 'e (b = 2)'
	set key below box maxcols 1
	set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 3 lc rgb '#7f7f7f'
	set label 1 ' least error: {/Symbol h}{/Symbol l} = 1' at 1, 2 tc rgb '#7f7f7f'
	plot $theory using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'seed: {/Symbol h}s/(b{/Symbol l}(2-{/Symbol h}{/Symbol l}))', \
	     $theory using 1:(0.25 / (2 * 2 * $1)) with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'reading "e ∝ 1/{/Symbol l}": {/Symbol h}s/(2b{/Symbol l})', \
	     $sim using 1:2:($3*z) with yerrorbars pt 7 ps 0.7 lc rgb '#1f77b4' title 'simulated (d = 3, rotated H)'
	unset arrow 1
	unset label 1
	set logscale x 2
	set xrange [0.8:40]
	set yrange [0.1:8]
	set xlabel 'batch size b ({/Symbol h}{/Symbol l} = 1)'."\n"
	set ylabel 'b e'
	set key below box maxrows 3
	plot 0.25 with lines lw 2 lc rgb '#1f77b4' title 'seed: b e = {/Symbol h}s/({/Symbol l}(2-{/Symbol h}{/Symbol l})), the same for every b', \
	     $add using ($1*0.94):3:($4*z) with yerrorbars pt 7 ps 0.5 lc rgb '#1f77b4' title 'simulated, additive noise', \
	     $mult using 1:2:($3*z) with yerrorbars pt 5 ps 0.5 lc rgb '#d62728' title 'simulated, per-sample Hessian (1 + 0.9 e'')H', \
	     mult(x) with lines lw 1 dt 2 lc rgb '#d62728' title '  its law b e = {/Symbol h}s/({/Symbol l}(2 - {/Symbol h}{/Symbol l}(1 + k^2/b)))', \
	     $shared using ($1*1.06):2:($3*z) with yerrorbars pt 9 ps 0.6 lc rgb '#2ca02c' title 'simulated, 5% of the noise shared by the batch', \
	     shared(x) with lines lw 1 dt 2 lc rgb '#2ca02c' title '  its law b e = 0.25 ({/Symbol r} b + 1 - {/Symbol r})'
	set xrange [0.0003:3000]
	set key below box maxcols 1
	set logscale x 10
	set format x '10^{%T}'
	set yrange [0.05:0.5]
	set xlabel 'per-sample noise variance s along the direction ({/Symbol h}{/Symbol l} = 1, b = 2)'."\n"
	set ylabel 'e / s'
	plot 0.125 with lines lw 2 lc rgb '#1f77b4' title 'seed: e/s = {/Symbol h}/(b{/Symbol l}(2-{/Symbol h}{/Symbol l})): no s in it ("e ∝ s")', \
	     $svals using 1:2:($3*z) with yerrorbars pt 7 ps 0.7 lc rgb '#1f77b4' title 'simulated'
	unset format x
	unset multiplot
	unset output
}
