# neyman_allocation: variance of the stratified mean against batch size b for the seed's
# example, Neyman allocation against proportional and equal allocation.
#
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/neyman_allocation'" plots/neyman_allocation.gp
#
# Writes out.'.pdf' and out.'.png'. Data: one `batchcheck sweep` (theory and Monte Carlo),
# run once and kept in the datablock $d so both files show the same numbers. Columns of $d:
# b, theory var = (sum W_k sigma_k)^2 / b, simulated var, its SE, allocation index
# (0 neyman, 1 proportional, 2 equal). The simulator rounds each allocation to integers
# (largest remainder, every stratum at least one draw), so at small b the simulated Neyman
# batch sits above the real-valued optimum.
#
# The dashed reference lines are the seed's general variance sum W_k^2 sigma_k^2 / n_k at
# the real allocations n_k = b W_k (proportional) and n_k = b / K (equal), evaluated here
# from the same W and sigma; they are not outputs of the claim.

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/neyman_allocation'

array w[3] = [0.5, 0.3, 0.2]
array s[3] = [4, 2, 1]
K = 3
samples = 10000
bs = '3,4,5,7,10,14,20,28,40,56,80,112,160,224,320,448,640,896'

Wstr = sprintf('%g,%g,%g', w[1], w[2], w[3])
Sstr = sprintf('%g,%g,%g', s[1], s[2], s[3])
Tprop = 0; Tequal = 0; Sney = 0
do for [k = 1:K] {
	Sney = Sney + w[k] * s[k]
	Tprop = Tprop + w[k] * s[k]**2
	Tequal = Tequal + K * (w[k] * s[k])**2
}

cmd = sprintf('< %s sweep neyman_allocation alloc=neyman,proportional,equal W=%s sigma=%s b=%s --samples %d', \
              bc, Wstr, Sstr, bs, samples)
set table $d
plot cmd using 1:5:6:7:(column(-2)) with table
unset table

# Outside the model: draws without replacement from strata of N examples each (pop=N), the
# seed's example at b = 28, n = (20, 6, 2). A stratum of N values with population SD
# sigma_k (divisor N; bc_law_population) gives Var(ybar_k) = sigma_k^2 (N - n_k) / (n_k (N - 1)),
# so the exact variance is the sum of W_k^2 times that (theory/neyman_allocation.c, finding
# 5); the formula's var is its limit N -> infinity. The sweep does not print pop (it only
# changes the simulation), so rows are matched to the list by their order.
array P[10] = [20, 24, 28, 34, 40, 56, 80, 160, 320, 640]
pops = '20,24,28,34,40,56,80,160,320,640'
array nk[3] = [20, 6, 2]
bp = 28
cmdp = sprintf('< %s sweep neyman_allocation W=%s sigma=%s b=%d pop=%s --samples %d', \
               bc, Wstr, Sstr, bp, pops, samples)
set table $p
plot cmdp using (P[int($0) + 1]):5:6:7 with table
unset table
fpc(N) = N < nk[1] ? NaN : sum [k = 1:K] w[k]**2 * s[k]**2 * (N - nk[k]) / (nk[k] * (N - 1))

sel(i, v) = ($5 == i ? v : NaN)
vprop(b) = Tprop / b
vequal(b) = Tequal / b

# markers small and set apart by 6% in b (log axis), so the three allocations do not hide
# one another
set style line 1 lc rgb '#1f77b4' lw 2 pt 7 ps 0.5
set style line 2 lc rgb '#d62728' lw 1.5 pt 4 ps 0.5
set style line 3 lc rgb '#2ca02c' lw 1.5 pt 8 ps 0.6
set style line 9 lc rgb '#555555' lw 1 dt 2

do for [t = 1:2] {
	if (t == 1) {
		eval pdfterm(23)
		set output out.'.pdf'
	} else {
		eval pngterm(23)
		set output out.'.png'
	}
	set multiplot layout 3,1 title sprintf("Neyman allocation, W = (%s), {/Symbol s} = (%s), exponential strata,\n%d replicates per point, %s", Wstr, Sstr, samples, bars)

	set logscale xy
	set xrange [2.5:1100]
	set yrange [0.005:20]
	set xlabel 'total batch size b'."\n"
	set format x '%g'
	set ylabel 'E({/Symbol m}_{est} - {/Symbol m})^2'
	set key below box maxrows 3
	set grid
	plot vequal(x) ls 9 lc rgb '#2ca02c' title sprintf('equal n_k = b/K (real n): %.4g / b', Tequal), \
	     vprop(x) ls 9 lc rgb '#d62728' title sprintf('proportional n_k = b W_k (real n): %.4g / b', Tprop), \
	     $d using 1:(sel(0, $2)) with lines ls 1 title sprintf('theory var = ({/Symbol S} W_k {/Symbol s}_k)^2 / b = %.4g / b', Sney**2), \
	     $d using ($1*1.06):(sel(2, $3)):(sel(2, z*$4)) with yerrorbars ls 3 title 'simulated, equal allocation', \
	     $d using 1:(sel(1, $3)):(sel(1, z*$4)) with yerrorbars ls 2 title 'simulated, proportional allocation', \
	     $d using ($1/1.06):(sel(0, $3)):(sel(0, z*$4)) with yerrorbars ls 1 title 'simulated, Neyman allocation rounded to integers'

	unset logscale y
	set xlabel 'total batch size b'."\n"
	set ylabel 'simulated variance / theory var'
	set yrange [0.8:2.2]
	set key below box maxrows 2
	set arrow 1 from 14, graph 0 to 14, graph 1 nohead ls 9
	set label 1 "n_3^* = b/14 < 1:\nstratum 3 still\nneeds one draw" at 12.5, 2.08 right
	plot 1 with lines ls 1 title 'Neyman bound', \
	     Tprop / Sney**2 ls 9 lc rgb '#d62728' title 'proportional, real n', \
	     Tequal / Sney**2 ls 9 lc rgb '#2ca02c' title 'equal, real n', \
	     $d using ($1/1.06):(sel(0, $3 / $2)):(sel(0, z*$4 / $2)) with yerrorbars ls 1 title 'Neyman, rounded', \
	     $d using 1:(sel(1, $3 / $2)):(sel(1, z*$4 / $2)) with yerrorbars ls 2 title 'proportional', \
	     $d using ($1*1.06):(sel(2, $3 / $2)):(sel(2, z*$4 / $2)) with yerrorbars ls 3 title 'equal'
	unset arrow 1
	unset label 1

	set logscale x
	set xrange [18:800]
	set xtics (20, 40, 80, 160, 320, 640)
	set yrange [0:0.32]
	set xlabel sprintf('examples per stratum N, drawn without replacement (b = %d, n = (20, 6, 2))', bp)."\n"
	set ylabel 'E({/Symbol m}_{est} - {/Symbol m})^2'
	set key below box maxrows 2
	plot Sney**2 / bp with lines ls 1 title sprintf('theory var = %.4g (with replacement)', Sney**2 / bp), \
	     fpc(x) with lines ls 9 lc rgb 'black' title 'exact without replacement: {/Symbol S} W_k^2 {/Symbol s}_k^2 (N - n_k) / (n_k (N - 1))', \
	     $p using 1:3:(z*$4) with yerrorbars ls 1 lc rgb 'black' title 'simulated, without replacement'
	unset yrange
	set xtics autofreq
	unset multiplot
	set output
}
