# noise_scale_progress: one SGD step's expected progress at the optimal rate against the batch
# size b, at the seed's worked example S = 3 (u = 1, sigma = sqrt 3), with the two regimes'
# asymptotes (b << S: b u^2/(2S); b >> S: u^2/2), the knee b = S marked, and a batch whose
# noises share a factor (rho = 0.1, outside the model) levelling off below u^2/2.
#   gnuplot -e "bc='build/batchcheck'; out='build/plots/noise_scale_progress'" plots/noise_scale_progress.gp
# Writes out.'.pdf' and out.'.png'. Every number comes from `batchcheck sweep`, whose table
# starts with a header line naming its columns: u sigma b dF eta F_next, then with --samples
# dF_est dF_se F_next_est F_next_se.

if (!exists("bc")) bc = 'build/batchcheck'
if (!exists("out")) out = 'build/plots/noise_scale_progress'

S = 3.
rho = 0.1
sweep = bc.' sweep noise_scale_progress u=1 sigma=1.7320508075688772 b='
dense = '1,2,3,4,5,6,8,10,12,14,16,20,24,28,32,40,48,56,64,80,96,112,128,160,192,224,256,320,384,448,512'
bs = '1,2,3,4,6,8,12,16,24,32,64,128,256,512'
N = 20000
n = sprintf(' --samples %d --threads 2', N)

set table $theory
plot '< '.sweep.dense using 3:4 with table
set table $sim
plot '< '.sweep.bs.n using 3:7:8 with table
set table $shared
plot '< '.sweep.bs.' rho='.sprintf('%g', rho).n using 3:7:8 with table
unset table

# At the formula's rate eta = b/(b+S), a batch mean with noise variance
# sigma^2 (1 + (b-1) rho)/b makes E[dF] = eta u^2 - eta^2 (u^2 + that)/2 (theory/noise_scale_progress.c).
eta(b) = b / (b + S)
shared(b) = b < 1 ? NaN : eta(b) - 0.5 * eta(b)**2 * (1 + S * (1 + (b - 1) * rho) / b)

set logscale x 2
set logscale y 2
set xrange [0.9:700]
set yrange [0.07:0.8]
set xlabel 'batch size b'."\n"
set ylabel '(ΔF)_{opt}, the expected decrease of F  (u = 1)'
set title "One SGD step on F(u) = u^2/2 at the optimal rate:\nprogress against b, noise scale S = σ^2/u^2 = 3"
set encoding utf8
set grid
set key below box maxrows 3 title sprintf('simulated: %d steps per point, %s', N, bars)
set xtics (1, 2, 3, 4, 8, 16, 32, 64, 128, 256, 512)
set ytics (0.0625, 0.125, 0.25, 0.5)
set arrow 1 from S, graph 0 to S, graph 1 nohead dt 3 lc rgb '#555555'
set label 1 "← b = S = 3 (the seed's example): ΔF = u^2/4,\n    half the noiseless step; b = 4S = 12 gives ΔF = 0.4" at 3.3, 0.19 left
set object 1 circle at S, 0.25 size screen 0.012 front fs empty border lc rgb '#d62728' lw 2

do for [t in 'pdfcairo pngcairo'] {
	if (t eq 'pdfcairo') { eval pdfterm(12); set output out.'.pdf' }
	else { eval pngterm(12); set output out.'.png' }
	plot x / (2 * S) with lines dt 2 lw 1.5 lc rgb '#2ca02c' title 'b << S: b u^2/(2S)', \
	     0.5 with lines dt 2 lw 1.5 lc rgb '#ff7f0e' title 'b >> S: u^2/2 (noiseless step)', \
	     $theory using 1:2 with lines lw 2 lc rgb '#1f77b4' title 'seed: (u^2/2) / (1 + S/b)', \
	     $sim using 1:2:($3*z) with yerrorbars pt 7 ps 0.5 lc rgb '#1f77b4' \
	         title 'simulated, independent samples (model)', \
	     shared(x) with lines dt 4 lw 1.5 lc rgb '#9467bd' \
	         title sprintf('derived at the formula''s rate, shared noise factor ρ = %g', rho), \
	     $shared using ($1*1.06):2:($3*z) with yerrorbars pt 4 ps 0.5 lc rgb '#9467bd' \
	         title sprintf('simulated, ρ = %g (outside the model)', rho)
	unset output
}
