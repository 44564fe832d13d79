# sqrt_lr_law: the exact law eta(b) against the heuristic eta_0 sqrt(b) over five decades of
# b, and what SGD run at each rate delivers (simulated stationary E[Delta^2] / u).
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/sqrt_lr_law'" plots/sqrt_lr_law.gp
# Writes out.'.pdf' and out.'.png'. u = 1e-3, h = sigma = 1, so a = u b h^2 / sigma^2 = b/1000.
# Every number comes from `batchcheck sweep` (columns: u b h sigma lr eta eta_sqrtb upd2 mse,
# then with --samples upd2_est upd2_se mse_est mse_se), read once into datablocks.

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/sqrt_lr_law'

dense = '1,2,3,5,8,13,20,32,50,80,128,200,320,500,800,1280,2000,3200,5000,8000,12800,20000,32000,50000,100000'
bs = '1,4,16,64,256,1024,2048'
sweep = bc.' sweep sqrt_lr_law u=0.001 h=1 sigma=1 b='
N = 1000
n = sprintf(' --samples %d --threads 2', N)

set table $theory
plot '< '.sweep.dense using 2:6:7 with table
set table $law
plot '< '.sweep.bs.n using 2:6:10:11:12:13 with table
set table $heur
plot '< '.sweep.bs.' rate=sqrtb'.n using 2:7:10:11:12:13 with table
unset table

u = 0.001
# E[Delta^2] at a rate e (derived in theory/sqrt_lr_law.c): 2 e^2 sigma^2 / (b (2 - e h))
U(e, b) = e < 2 ? 2 * e * e / (b * (2 - e)) : 1/0
# where the heuristic's rate passes the stability edge 2/h: b = 4 / (eta_0 h)^2
stats $theory using 3 every ::0::0 nooutput
eta0 = STATS_max
bunstable = 4 / eta0**2

set encoding utf8
set logscale x 10
set format x '10^{%T}'
set xrange [0.8:1.3e5]
set grid

do for [t in 'pdfcairo pngcairo'] {
	if (t eq 'pdfcairo') { eval pdfterm(21); set output out.'.pdf' }
	else { eval pngterm(21); set output out.'.png' }
	set multiplot layout 2,1 title sprintf('Square-root LR law, u = 10^{-3}, h = {/Symbol s} = 1: exact law vs {/Symbol h}_0 √b'."\n".'(simulated: %d chains per point, %s)', N, bars)
	set logscale y 10
	set format y '10^{%T}'
	set yrange [0.02:15]
	set ylabel 'learning rate {/Symbol h}'
	set ytics auto
	set xlabel 'batch size b'."\n"
	set key below box maxrows 2
	set arrow 1 from bunstable, graph 0 to bunstable, graph 1 nohead dt 3 lc rgb '#d62728'
	set label 1 sprintf(' {/Symbol h}_0√b h = 2 at b = %.0f', bunstable) at bunstable, 0.05 tc rgb '#d62728'
	plot $theory using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'exact law {/Symbol h}(b) (seed)', \
	     $theory using 1:3 with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'heuristic {/Symbol h}_0 √b, {/Symbol h}_0 = {/Symbol h}(1)', \
	     2 with lines lt 0 lw 2 title 'stability edge 2/h'
	unset label 1
	set yrange [0.9:5]
	set format y '%g'
	set ytics (0.9, 1, 1.1, 1.25, 1.5, 2, 3, 4, 5)
	set ylabel 'ratio'
	set key below box maxrows 3
	plot 1 with lines lw 2 lc rgb '#1f77b4' title 'E[{/Symbol D}^2]/u at the exact law: 1 (the floor, tight)', \
	     $law using ($1/1.1):($3/u):(z*$4/u) with yerrorbars pt 7 ps 0.5 lc rgb '#1f77b4' title 'simulated at {/Symbol h}(b)', \
	     $theory using 1:(U($3, $1)/u) with lines lw 2 dt 2 lc rgb '#ff7f0e' title 'at {/Symbol h}_0 √b: 2{/Symbol h}^2{/Symbol s}^2/(b(2-{/Symbol h}h)) / u', \
	     $heur using ($1*1.1):($3/u):(z*$4/u) with yerrorbars pt 4 ps 0.5 lc rgb '#ff7f0e' title 'simulated at {/Symbol h}_0 √b', \
	     $theory using 1:($3/$2) with lines lw 1.5 dt 4 lc rgb '#2ca02c' title 'rates: {/Symbol h}_0 √b / {/Symbol h}(b)', \
	     1.01 with lines lt 0 lw 1 title '1% above'
	unset multiplot
	unset arrow 1
	unset output
}
