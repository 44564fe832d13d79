# flat_minimum_batch: the exploration radius tr S of SGD chains at a fixed batch against the
# sharpness eta tau/d, with the seed's relation (tr S = eta sigma^2 d^2 / (2 b tau), the
# continuous-time limit) and the exact relation of the discrete chain held against it, and
# anisotropic Hessians of the same trace.
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/flat_minimum_batch'" plots/flat_minimum_batch.gp
# Writes out.'.pdf' and out.'.png'. Every number comes from `batchcheck sweep` (columns:
# eta sigma d tau r b b_exact r2, then with --samples r2_est r2_se), read once into
# datablocks. At r = 1 and chains at bsim = B, the relations predict tr S = b/B and b_exact/B.

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/flat_minimum_batch'

N = 4000
B = 4
n = sprintf(' --samples %d --threads 2 bsim=%d', N, B)
dense = ''
do for [i = 1:60] { dense = dense.sprintf("%s%.4f", i > 1 ? "," : "", (i - 0.5) * 8.0 / 60) }
pts = '0.25,0.5,1,2,3,4,5,6,7,7.6'
apts = '0.25,0.5,1,2,3,4,4.8' # stable while (tau/d)(1 + 0.6) < 2
sweep = bc.' sweep flat_minimum_batch eta=1 sigma=1 d=4 r=1 tau='
set table $theory
plot '< '.sweep.dense using ($4/4):($6/B):($7/B) with table
set table $iso
plot '< '.sweep.pts.n using ($4/4):9:10 with table
set table $aniso
plot '< '.sweep.apts.n.' hspread=0.6' using ($4/4):9:10 with table
unset table

set encoding utf8
set grid
set logscale y 10
set xrange [0:2]
set yrange [0.1:20]
set xlabel '{/Symbol h}{/Symbol t}/d  (sharpness; d = 4, {/Symbol h} = 1)'."\n"
set ylabel sprintf('squared exploration radius r^2 = tr S at b = %d', B)
set key below box maxcols 1
set arrow 1 from 1, graph 0 to 1, graph 1 nohead dt 3 lc rgb '#7f7f7f'
set label 1 ' least radius: {/Symbol h}{/Symbol t}/d = 1' at 1, 0.15 tc rgb '#7f7f7f'

do for [t in 'pdfcairo pngcairo'] {
	if (t eq 'pdfcairo') { eval pdfterm(12); set output out.'.pdf' }
	else { eval pngterm(12); set output out.'.png' }
	set title sprintf('Exploration radius at a fixed batch (simulated: %d chains a point, %s)', N, bars)
	plot $theory using 1:2 with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'seed: {/Symbol h}{/Symbol s}^2d^2/(2b{/Symbol t}) (continuous time, ∝ 1/{/Symbol t})', \
	     $theory using 1:3 with lines lw 2 lc rgb '#1f77b4' title 'exact: {/Symbol h}{/Symbol s}^2d^2/(b{/Symbol t}(2 - {/Symbol h}{/Symbol t}/d))', \
	     $iso using 1:2:($3*z) with yerrorbars pt 7 ps 0.5 lc rgb '#1f77b4' title 'simulated, isotropic H = ({/Symbol t}/d) I', \
	     $aniso using 1:2:($3*z) with yerrorbars pt 4 ps 0.5 lc rgb '#d62728' title 'simulated, same trace, eigenvalues ({/Symbol t}/d)(1 ± 0.6)'
	unset output
}
